//! `entity.spelling`: one name spelled two ways, or not as the newsroom's names file prefers.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Context, Rule};
use crate::analysis::extract::entities::MentionForm;
use crate::analysis::extract::entities::similar::{VariantIndex, fold_word, is_transposition, likely_variant_folded};
use crate::analysis::extract::{Entity, EntityType};
use crate::analysis::{Document, Finding, Fix, Severity};
use crate::kb::{self, Category, Knowledge};
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "entity.spelling",
    summary: "one name spelled two ways in the article (Mossoul / Mosoul, Zelensky / Zelenskyy), or not as the names file prefers",
    summary_fr: "un même nom écrit de deux façons (Mossoul / Mosoul, Zelensky / Zelenskyy), ou pas comme le veut le fichier des noms",
    doc: "### What it does\n\
Compares the words of every name the article mentions. A later spelling one letter away from an \
earlier one (a letter added, dropped, changed, or two letters swapped), or a close \
transliteration (Kadhafi / Khadafi), is flagged on the later mention, with the earlier one \
attached. With a newsroom names file, a mention not written as the file's preferred spelling \
is flagged too.\n\n\
### Why it matters\n\
A misspelled name is the correction newsrooms dread most, and the eye reads a familiar name \
the way it expects it.\n\n\
### Example\n\
`Emmanuel Lavoisier arrived. … Lavosier said no.` → `Lavoisier`. Left alone: accents and \
capitals (`Etat` / `État`, `SKYNEWS` / `Skynews`), plurals and possessives (`the Kennedys`, \
`Trump's`), two different people (`Ed` and `Ted Miliband`), and two real places the knowledge \
base knows (`Mosul` and `Mosel`).",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

/// One word of one mention.
struct Tok<'a> {
    span: Span,
    text: &'a str,
    /// Which distinct [`fold_word`] of the mentions' words the text folds to.
    folded: u32,
    entity: usize,
    /// Not the last word of a multi-word mention (a first name, a particle).
    inner: bool,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let kb = Knowledge::new(&ctx.config.names);
    let entities = &ctx.facts.entities;
    let mut toks: Vec<Tok<'_>> = Vec::new();
    // Each distinct text is folded once; `folds` holds the distinct folded forms.
    let mut fold_of: FxHashMap<&str, u32> = FxHashMap::default();
    let mut fold_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut folds: Vec<String> = Vec::new();
    for (ei, e) in entities.iter().enumerate() {
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            let words = words_of(doc.slice(m.span), m.span.start);
            let n = words.len();
            for (k, (span, text)) in words.into_iter().enumerate() {
                if !text.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let folded = *fold_of.entry(text).or_insert_with(|| {
                    let f = fold_word(text);
                    *fold_ids.entry(f).or_insert_with_key(|f| {
                        folds.push(f.clone());
                        folds.len() as u32 - 1
                    })
                });
                toks.push(Tok {
                    span,
                    text,
                    folded,
                    entity: ei,
                    inner: k + 1 < n,
                });
            }
        }
    }
    toks.sort_by_key(|t| t.span.start);
    let mut count: FxHashMap<&str, usize> = FxHashMap::default();
    for t in &toks {
        *count.entry(t.text).or_default() += 1;
    }
    // For each folded form, the forms it is a likely variant of.
    let index = VariantIndex::new(folds.iter().map(String::as_str));
    let mut found_ids = Vec::new();
    let mut variants_of: Vec<Vec<u32>> = vec![Vec::new(); folds.len()];
    for (f2, word) in folds.iter().enumerate() {
        index.candidates(word, &mut found_ids);
        // Being a likely variant goes both ways: each pair is judged once, from its later form.
        for &f1 in found_ids.iter().take_while(|&&f1| (f1 as usize) < f2) {
            if likely_variant_folded(&folds[f1 as usize], word) {
                variants_of[f2].push(f1);
                variants_of[f1 as usize].push(f2 as u32);
            }
        }
    }
    let mut out = Vec::new();
    // The earlier token a later one is compared with depends only on its text, entity and place
    // in the mention: comparing with the first token of each such kind finds the same earliest
    // match as scanning every earlier token. Those first tokens are filed by folded form, so a
    // token meets only the ones whose form is a likely variant of its own.
    let mut firsts: Vec<Vec<usize>> = vec![Vec::new(); folds.len()];
    let mut seen: FxHashSet<(&str, usize, bool)> = FxHashSet::default();
    let mut earlier: Vec<usize> = Vec::new();
    let mut lookups = Lookups::default();
    for (j, t2) in toks.iter().enumerate() {
        earlier.clear();
        for &f1 in &variants_of[t2.folded as usize] {
            earlier.extend_from_slice(&firsts[f1 as usize]);
        }
        earlier.sort_unstable();
        // An ordinary word is a different name from every earlier token: no need to meet them.
        let found = if lookups.common(doc.lang, t2.text) {
            None
        } else {
            earlier
                .iter()
                .map(|&i| &toks[i])
                .find(|t1| !different_names(ctx, &kb, &mut lookups, entities, t1, t2))
        };
        if seen.insert((t2.text, t2.entity, t2.inner)) {
            firsts[t2.folded as usize].push(j);
        }
        let Some(t1) = found else {
            continue;
        };
        // A slip is rare: the later spelling occurs once, or less often than the earlier one.
        let (c1, c2) = (count[t1.text], count[t2.text]);
        if c2 > 1 && (c2 >= c1 || c2 > 2) {
            continue;
        }
        let known1 = lookups.known(&kb, t1.text);
        let known2 = lookups.known(&kb, t2.text);
        // The knowledge base's spelling is the right one; otherwise the earlier, commoner one.
        let (right, wrong_span) = if known2 && !known1 {
            (t2.text, t1.span)
        } else {
            (t1.text, t2.span)
        };
        let message = ctx.say(
            format!("\"{}\" is spelled \"{}\" earlier in the article", t2.text, t1.text),
            format!("« {} » est écrit « {} » plus haut dans l'article", t2.text, t1.text),
        );
        let title = ctx.say(format!("Use \"{right}\""), format!("Écrire « {right} »"));
        out.push(
            Finding::new(RULE.code, t2.span, Severity::Warning, message)
                .with_related(
                    t1.span,
                    ctx.say(
                        format!("spelled \"{}\" here", t1.text),
                        format!("écrit « {} » ici", t1.text),
                    ),
                )
                .with_fix(Fix::replace(title, wrong_span, right)),
        );
    }
    let reported: Vec<Span> = out.iter().filter_map(|f| f.span).collect();
    for f in unrecognised_variants(ctx, &kb, entities) {
        if f.span.is_some_and(|s| !reported.iter().any(|r| r.overlaps(s))) {
            out.push(f);
        }
    }
    out.extend(house_spelling(ctx, entities));
    out.extend(near_known_places(ctx, &kb, entities));
    out
}

/// "Mecklenberg County": a place name of the "X County" kind that the knowledge base does not
/// know, one letter away from exactly one that it does ("Mecklenburg County").
fn near_known_places(ctx: &Context<'_>, kb: &Knowledge<'_>, entities: &[Entity]) -> Vec<Finding> {
    const HEADS: &[&str] = &[
        "county",
        "parish",
        "borough",
        "province",
        "region",
        "district",
        "oblast",
        "governorate",
    ];
    let mut out = Vec::new();
    for e in entities {
        let words: Vec<&str> = e.name.split_whitespace().collect();
        let [first, head] = words[..] else {
            continue;
        };
        if !HEADS.contains(&head.to_lowercase().as_str()) || kb.lookup(&e.name).is_some() || first.chars().count() < 5 {
            continue;
        }
        let mut found: Vec<String> = Vec::new();
        for variant in edits(first) {
            let name = format!("{variant} {head}");
            if let Some(k) = kb.lookup(&name)
                && !found.contains(&k.name)
            {
                found.push(k.name);
            }
        }
        let [right] = &found[..] else {
            continue;
        };
        for m in e.mentions.iter().filter(|m| ctx.doc.slice(m.span) == e.name) {
            let message = ctx.say(
                format!("\"{}\" is not a known place: \"{right}\"?", e.name),
                format!("« {} » n'est pas un lieu connu : « {right} » ?", e.name),
            );
            let title = ctx.say(format!("Use \"{right}\""), format!("Écrire « {right} »"));
            out.push(
                Finding::new(RULE.code, m.span, Severity::Warning, message).with_fix(Fix::replace(
                    title,
                    m.span,
                    right.clone(),
                )),
            );
        }
    }
    out
}

/// Every word one edit away from `w` (a letter dropped, swapped, changed or added), lowercase.
fn edits(w: &str) -> Vec<String> {
    let chars: Vec<char> = kb::fold(w).chars().collect();
    let letters = "abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let mut v = chars.clone();
        v.remove(i);
        out.push(v.iter().collect());
        if i + 1 < chars.len() {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            out.push(v.iter().collect());
        }
        for c in letters.chars() {
            let mut v = chars.clone();
            v[i] = c;
            out.push(v.iter().collect());
        }
    }
    for i in 0..=chars.len() {
        for c in letters.chars() {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(v.iter().collect());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The words of a mention with their spans (`start` is the mention's offset): runs of letters,
/// digits, hyphens and apostrophes, trimmed of outer punctuation.
fn words_of(text: &str, start: usize) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (word_start, is_word(c)) {
            (None, true) => word_start = Some(i),
            (Some(ws), false) => {
                let w = &text[ws..i];
                let lead = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.is_empty() {
                    let at = start + ws + lead;
                    // A French elision is its own word, as in the document: "l'agriculture".
                    let elision = w.find(['\'', '’']).filter(|&i| {
                        matches!(
                            w[..i].to_lowercase().as_str(),
                            "l" | "d" | "qu" | "jusqu" | "s" | "n" | "c"
                        )
                    });
                    match elision {
                        Some(i) => {
                            let cut = i + w[i..].chars().next().map_or(1, char::len_utf8);
                            out.push((Span::new(at, at + cut), &w[..cut]));
                            out.push((Span::new(at + cut, at + w.len()), &w[cut..]));
                        }
                        None => out.push((Span::new(at, at + w.len()), w)),
                    }
                }
                word_start = None;
            }
            _ => {}
        }
    }
    out
}

/// Misspellings the recogniser could not see as names: a lowercase word inside a name written
/// in full elsewhere ("Etat isalmique" after "Etat islamique"), or a name that became an
/// unknown word ("frnaceinfo", "Llrois" after "franceinfo", "Lloris").
fn unrecognised_variants(ctx: &Context<'_>, kb: &Knowledge<'_>, entities: &[Entity]) -> Vec<Finding> {
    let doc = ctx.doc;
    let texts: Vec<&str> = doc
        .words
        .iter()
        .map(|w| {
            let t = doc.slice(w.span);
            // Elisions ("l'", "d’") keep their apostrophe; possessives lose theirs.
            if t.chars().count() <= 3 && t.ends_with(['\'', '’']) {
                t
            } else {
                crate::analysis::extract::entities::strip_possessive(t)
            }
        })
        .collect();
    let word_text = |i: usize| texts[i];
    let mentions = MentionSpans::new(entities);
    let mut forms: Vec<(usize, Span, Vec<&str>)> = Vec::new();
    for (ei, e) in entities.iter().enumerate() {
        let start = forms.len();
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            let words: Vec<&str> = words_of(doc.slice(m.span), m.span.start)
                .into_iter()
                .map(|(_, w)| w)
                .collect();
            if !words.is_empty() && !forms[start..].iter().any(|(_, _, f)| *f == words) {
                forms.push((ei, m.span, words));
            }
        }
    }
    // Where each word of a multi-word form occurs in the article.
    let mut positions: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (_, _, form) in forms.iter().filter(|(_, _, f)| f.len() > 1) {
        for w in form {
            positions.entry(w).or_default();
        }
    }
    for (p, t) in texts.iter().enumerate() {
        if let Some(v) = positions.get_mut(t) {
            v.push(p);
        }
    }
    // The words a word of a form may have become, by the case of their initial: all of them,
    // and those outside every mention (for one-word forms).
    let mut pools: [[Option<Pool>; 2]; 2] = Default::default();
    // Findings with the order in which the forms and positions were met.
    let mut out: Vec<((usize, usize, usize), Finding)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut variants: Vec<usize> = Vec::new();
    for (fi, (ei, first, form)) in forms.iter().enumerate() {
        let n = form.len();
        // Where the form may be, all words but one as written: a one-word form, where the words
        // it is a likely variant of are; a longer one, where its other words are.
        candidates.clear();
        if n > 1 {
            for d in 0..n {
                // The word spelled differently must be a likely variant of this one: at least
                // four letters, the case of its initial.
                let right = fold_word(form[d]);
                if right.len() < 4 {
                    continue;
                }
                // The other words are as written: take the places of the rarest of them, or,
                // when even it is frequent (a common first name), the variants of this word.
                let (count, k) = (0..n)
                    .filter(|&k| k != d)
                    .map(|k| (positions[form[k]].len(), k))
                    .min()
                    .unwrap_or((0, d));
                if count <= FREQUENT {
                    candidates.extend(positions[form[k]].iter().filter_map(|&q| q.checked_sub(k)));
                } else {
                    let class = usize::from(form[d].chars().next().is_some_and(char::is_uppercase));
                    let pool = pools[0][class].get_or_insert_with(|| Pool::new(doc, &texts, None, class == 1));
                    variants.clear();
                    pool.positions_of_variants(&right, &mut variants);
                    candidates.extend(variants.iter().filter_map(|&q| q.checked_sub(d)));
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
        } else {
            let class = usize::from(form[0].chars().next().is_some_and(char::is_uppercase));
            let pool = pools[1][class].get_or_insert_with(|| Pool::new(doc, &texts, Some(&mentions), class == 1));
            pool.positions_of_variants(&fold_word(form[0]), &mut candidates);
        }
        // The first word after the form's first mention begins (words are in order).
        let after = doc.words.partition_point(|w| w.span.start <= first.start);
        for &p in &candidates {
            if p + n > doc.words.len() || p < after || n > 1 && doc.words[p + n - 1].sentence != doc.words[p].sentence {
                continue;
            }
            let mut diffs = (0..n).filter(|&k| word_text(p + k) != form[k]);
            let (Some(d), None) = (diffs.next(), diffs.next()) else {
                continue;
            };
            let (right, wrong) = (form[d], word_text(p + d));
            let initial = |w: &str| w.chars().next().map(|c| c.to_lowercase().next());
            if initial(right) != initial(wrong) || right.len().abs_diff(wrong.len()) > 3 {
                continue;
            }
            let span = doc.words[p + d].span;
            let span = Span::new(span.start, span.start + wrong.len());
            let same_case =
                right.chars().next().map(char::is_uppercase) == wrong.chars().next().map(char::is_uppercase);
            // A one-word form must not be a name recognised in its own right.
            if !same_case
                || !likely_variant_folded(&fold_word(right), &fold_word(wrong))
                || kb::is_common_word(doc.lang, &wrong.to_lowercase())
                || known(kb, wrong)
                || n == 1 && mentions.overlap(span)
                || n == 1 && !wrong.chars().next().is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let message = ctx.say(
                format!("\"{wrong}\" is spelled \"{right}\" earlier in the article"),
                format!("« {wrong} » est écrit « {right} » plus haut dans l'article"),
            );
            let title = ctx.say(format!("Use \"{right}\""), format!("Écrire « {right} »"));
            let finding = Finding::new(RULE.code, span, Severity::Warning, message)
                .with_related(
                    *first,
                    ctx.say(format!("spelled \"{right}\" here"), format!("écrit « {right} » ici")),
                )
                .with_fix(Fix::replace(title, span, right));
            out.push(((*ei, fi, p), finding));
        }
    }
    // By place in the text; at one place, the first entity's form wins.
    out.sort_by_key(|&(order, ref f)| (f.span.map(|s| s.start), order));
    let mut out: Vec<Finding> = out.into_iter().map(|(_, f)| f).collect();
    out.dedup_by_key(|f| f.span);
    out
}

/// Beyond this many occurrences, a word is a poor guide to where a form may be misspelled.
const FREQUENT: usize = 16;

/// The spans of every mention, to ask whether a span overlaps one.
struct MentionSpans {
    /// Sorted by start.
    spans: Vec<Span>,
    /// The furthest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl MentionSpans {
    fn new(entities: &[Entity]) -> MentionSpans {
        let mut spans: Vec<Span> = entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.span))
            .collect();
        spans.sort_unstable_by_key(|s| s.start);
        let max_end = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        MentionSpans { spans, max_end }
    }

    fn overlap(&self, s: Span) -> bool {
        let before = self.spans.partition_point(|m| m.start < s.end);
        before > 0 && self.max_end[before - 1] > s.start
    }
}

/// The words of the article a word of a form could be a misspelling of, capitalised or not (as
/// the form's word), indexed by their folded forms; for a one-word form, only those outside
/// every mention and starting with a letter.
struct Pool {
    folds: Vec<String>,
    /// The positions of the words with each folded form.
    positions: Vec<Vec<usize>>,
    index: VariantIndex,
    /// The ids of the likely variants of each folded form asked about: the same few words
    /// (a common surname, a first name) come up for many forms.
    asked: FxHashMap<String, Vec<u32>>,
}

impl Pool {
    fn new(doc: &Document, texts: &[&str], outside: Option<&MentionSpans>, capitalised: bool) -> Pool {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        let mut folds: Vec<String> = Vec::new();
        let mut positions: Vec<Vec<usize>> = Vec::new();
        for (p, t) in texts.iter().enumerate() {
            let Some(c) = t.chars().next() else {
                continue;
            };
            let span = Span::new(doc.words[p].span.start, doc.words[p].span.start + t.len());
            if c.is_uppercase() != capitalised
                || outside.is_some_and(|mentions| !c.is_alphabetic() || mentions.overlap(span))
            {
                continue;
            }
            let id = *ids.entry(t).or_insert_with(|| {
                folds.push(fold_word(t));
                positions.push(Vec::new());
                folds.len() - 1
            });
            positions[id].push(p);
        }
        // Texts folding alike share a key in the index; the duplicates only cost a comparison.
        let index = VariantIndex::new(folds.iter().map(String::as_str));
        Pool {
            folds,
            positions,
            index,
            asked: FxHashMap::default(),
        }
    }

    /// Adds the positions of the words that are likely variants of `folded`.
    fn positions_of_variants(&mut self, folded: &str, out: &mut Vec<usize>) {
        if !self.asked.contains_key(folded) {
            let mut ids = Vec::new();
            self.index.candidates(folded, &mut ids);
            ids.retain(|&id| likely_variant_folded(folded, &self.folds[id as usize]));
            self.asked.insert(folded.to_owned(), ids);
        }
        for &id in &self.asked[folded] {
            out.extend_from_slice(&self.positions[id as usize]);
        }
    }
}

/// What the knowledge base and the word lists say of each word, asked once per word, and the
/// folded words of each entity's name, folded once per entity.
#[derive(Default)]
struct Lookups<'a> {
    known: FxHashMap<&'a str, bool>,
    common: FxHashMap<&'a str, bool>,
    name_words: FxHashMap<usize, Vec<String>>,
}

impl<'a> Lookups<'a> {
    fn known(&mut self, kb: &Knowledge<'_>, word: &'a str) -> bool {
        *self.known.entry(word).or_insert_with(|| known(kb, word))
    }

    fn common(&mut self, lang: crate::lang::Lang, word: &'a str) -> bool {
        *self
            .common
            .entry(word)
            .or_insert_with(|| kb::is_common_word(lang, &word.to_lowercase()))
    }

    /// Whether two names of more than one word differ in their (folded) words other than the
    /// given ones: entity `e1`'s other than `w1`, `e2`'s other than `w2`.
    fn other_words_differ(&mut self, entities: &[Entity], (e1, w1): (usize, &str), (e2, w2): (usize, &str)) -> bool {
        for e in [e1, e2] {
            self.name_words
                .entry(e)
                .or_insert_with(|| entities[e].name.split_whitespace().map(kb::fold).collect());
        }
        let (f1, f2) = (&self.name_words[&e1], &self.name_words[&e2]);
        f1.len() > 1
            && f2.len() > 1
            && !other_words(&entities[e1].name, f1, w1).eq(other_words(&entities[e2].name, f2, w2))
    }
}

/// The folded words (`folded`) of a name other than `w`.
fn other_words<'s>(name: &'s str, folded: &'s [String], w: &'s str) -> impl Iterator<Item = &'s String> + 's {
    name.split_whitespace()
        .zip(folded)
        .filter(move |(x, _)| *x != w)
        .map(|(_, f)| f)
}

fn known(kb: &Knowledge<'_>, word: &str) -> bool {
    kb.lookup(word).is_some()
}

/// Two words that look alike but name different things: two real places or organisations, an
/// ordinary word, two people with the same surname (Ed and Ted Miliband), two people with
/// different first names.
fn different_names<'a>(
    ctx: &Context<'_>,
    kb: &Knowledge<'_>,
    lookups: &mut Lookups<'a>,
    entities: &[Entity],
    t1: &Tok<'a>,
    t2: &Tok<'a>,
) -> bool {
    if lookups.known(kb, t1.text) && lookups.known(kb, t2.text) {
        return true;
    }
    if lookups.common(ctx.doc.lang, t2.text) {
        return true;
    }
    if t1.entity == t2.entity {
        return false;
    }
    let (e1, e2) = (&entities[t1.entity], &entities[t2.entity]);
    let person = |e: &Entity| e.kind == EntityType::Person;
    // First names of two people sharing a surname.
    if t1.inner && t2.inner && person(e1) && person(e2) && !is_transposition(t1.text, t2.text) {
        return true;
    }
    // Two full names whose other words differ: two people (Steve Clarke, Tom Clark).
    lookups.other_words_differ(entities, (t1.entity, t1.text), (t2.entity, t2.text))
}

/// Mentions not written as the names file prefers.
fn house_spelling(ctx: &Context<'_>, entities: &[Entity]) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in entities {
        let Some(k) = e.kb.as_ref().filter(|k| k.category == Category::House) else {
            continue;
        };
        let Some(preferred) = k.preferred.as_deref() else {
            continue;
        };
        let pref_words: Vec<String> = preferred.split_whitespace().map(str::to_owned).collect();
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            let text = ctx.doc.slice(m.span);
            if text == preferred || text.split_whitespace().all(|w| pref_words.iter().any(|p| p == w)) {
                continue;
            }
            // A single word stands for the preferred word it resembles; a longer form for the whole.
            let replacement = if text.split_whitespace().count() == 1 {
                pref_words
                    .iter()
                    .max_by(|a, b| strsim::jaro_winkler(a, text).total_cmp(&strsim::jaro_winkler(b, text)))
                    .cloned()
                    .unwrap_or_else(|| preferred.to_owned())
            } else {
                preferred.to_owned()
            };
            if replacement == text {
                continue;
            }
            let message = ctx.say(
                format!("The names file spells it \"{replacement}\", not \"{text}\""),
                format!("Le fichier des noms écrit « {replacement} », pas « {text} »"),
            );
            let title = ctx.say(format!("Use \"{replacement}\""), format!("Écrire « {replacement} »"));
            out.push(
                Finding::new(RULE.code, m.span, Severity::Warning, message).with_fix(Fix::replace(
                    title,
                    m.span,
                    replacement,
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::{check_rule, parse_marked};
    use crate::analysis::{Input, analyze};
    use crate::config::Config;
    use crate::kb::{NamesFile, NamesFormat};
    use crate::lang::Lang;
    use crate::markup::Format;

    #[test]
    fn english_typos_and_transliterations() {
        check_rule(
            "entity.spelling",
            Lang::En,
            None,
            r#"Senator Emmanuel Lavoisier met Colonel Muammar Kadhafi in Tripoli.
Lavoisier said the talks with Kadhafi went well.
Later Lavosier admitted that Khadafi had not signed.
      ^^^^^^^^ entity.spelling
                             ^^^^^^^ entity.spelling
"#,
        );
    }

    #[test]
    fn not_different_people_plurals_or_accents() {
        check_rule(
            "entity.spelling",
            Lang::En,
            None,
            r#"Ed Miliband and his brother Ted Miliband spoke. The Kennedys and Rose Kennedy came.
Steve Clarke met Tom Clark. Clarke said Clark was late. Trump's aide met Trump.
"#,
        );
        check_rule(
            "entity.spelling",
            Lang::Fr,
            None,
            r#"L'Etat islamique recule à Mossoul, selon SKYNEWS. L'État islamique dément, dit Skynews.
Les habitants de Mossoul fuient vers la Moselle.
"#,
        );
    }

    #[test]
    fn french_place_misspelled() {
        check_rule(
            "entity.spelling",
            Lang::Fr,
            None,
            r#"Les forces irakiennes avancent dans Mossoul. La bataille de Mossoul dure.
Le général Ahmed Rachidi commande. Selon Rachidi, la vieille ville de Mosoul tombera.
                                                                      ^^^^^^ entity.spelling
"#,
        );
    }

    #[test]
    fn a_county_one_letter_from_a_real_one() {
        check_rule(
            "entity.spelling",
            Lang::En,
            None,
            r#"Turnout rose in Mecklenberg County and in Wake County, officials said.
                ^^^^^^^^^^^^^^^^^^ entity.spelling
"#,
        );
    }

    #[test]
    fn names_file_preferred_spelling() {
        let names = NamesFile::parse(
            "[[name]]\nname = \"Volodymyr Zelensky\"\naliases = [\"Zelenskyy\", \"Zelensky\"]\ntype = \"person\"\npreferred = \"Volodymyr Zelensky\"\n",
            NamesFormat::Toml,
        )
        .unwrap();
        let config = Config {
            names: std::sync::Arc::new(names),
            ..Config::cli_default()
        };
        let (text, _) = parse_marked("President Volodymyr Zelenskyy spoke. Zelensky left.\n");
        let mut input = Input::new(&text, Format::PlainText, &config);
        input.lang = Some(Lang::En);
        let a = analyze(input);
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == "entity.spelling")
            .map(|f| (f.span.map(|s| s.text(&text).to_owned()), f.fixes[0].replacement.clone()))
            .collect();
        assert_eq!(
            found,
            [(Some("Volodymyr Zelenskyy".to_owned()), "Volodymyr Zelensky".to_owned())]
        );
        let e = a.facts.entities.iter().find(|e| e.name.contains("Zelensk")).unwrap();
        assert_eq!(e.kind.as_str(), "person");
    }
}
