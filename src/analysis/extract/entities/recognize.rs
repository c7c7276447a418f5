//! Finding the names: capitalised sequences in context, acronyms and their expansions.
//!
//! One pass over the words of each sentence builds runs of capitalised words (with the particles
//! and connectors names carry: "Bourse de Paris", "Charles de Gaulle", "Bachar al-Assad"), then
//! trims what is not a name: titles (kept as the mention's introduction), ordinary words that
//! are only capitalised because they open a sentence, months and weekdays, possessive endings.
//! A second pass finds "Full Name (ACRONYM)" expansions.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{EntityType, KbMemo};
use crate::analysis::document::{Document, Word};
use crate::kb;
use crate::lang::{self, Lang};
use crate::text::Span;

use super::super::squash_spaces;

/// A candidate mention, before grouping.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub span: Span,
    pub text: String,
    /// Strong evidence of the type (a title, a head noun, the knowledge base).
    pub hint: Option<EntityType>,
    /// Weak evidence (a preposition of place, a camel-case brand).
    pub weak_hint: Option<EntityType>,
    /// The title or role written with it ("President", "le ministre", "the mayor of Y").
    pub intro: Option<(Span, String)>,
    /// The only word opens a sentence or a quotation: it may be an ordinary word.
    pub clause_initial: bool,
    /// A single all-capitals word (an acronym).
    pub acronym: bool,
    /// This candidate is the expansion of that acronym ("World Health Organization (WHO)").
    pub expansion_of: Option<String>,
    /// Found in a title-case heading: counts only when the body confirms it.
    pub weak: bool,
    /// Index of its sentence.
    pub sentence: usize,
}

/// One entry of `name_heads`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadPos {
    First,
    Last,
    Any,
    Lower,
}

/// The `name_heads` entries of each word, in file order.
type Heads = FxHashMap<String, Vec<(EntityType, HeadPos)>>;

fn heads(lang: Lang) -> &'static Heads {
    static EN: LazyLock<Heads> = LazyLock::new(|| parse_heads(Lang::En));
    static FR: LazyLock<Heads> = LazyLock::new(|| parse_heads(Lang::Fr));
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

fn parse_heads(lang: Lang) -> Heads {
    let mut heads = Heads::default();
    for (word, kind, pos) in parse_head_lines(lang) {
        heads.entry(word).or_default().push((kind, pos));
    }
    heads
}

fn parse_head_lines(lang: Lang) -> Vec<(String, EntityType, HeadPos)> {
    lang::name_heads(lang)
        .entries()
        .iter()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let word = f.next()?.to_owned();
            let kind = kb::parse_type(f.next()?)?;
            let pos = match f.next()? {
                "first" => HeadPos::First,
                "last" => HeadPos::Last,
                "lower" => HeadPos::Lower,
                _ => HeadPos::Any,
            };
            Some((word, kind, pos))
        })
        .collect()
}

fn head_type(lang: Lang, word: &str, at: HeadPos) -> Option<EntityType> {
    heads(lang)
        .get(word.to_lowercase().as_str())?
        .iter()
        .find(|(_, p)| match at {
            HeadPos::Lower => *p == HeadPos::Lower,
            _ => *p == at || *p == HeadPos::Any,
        })
        .map(|(k, _)| *k)
}

/// Does the word start with a capital (or is it a particle-joined name: "al-Assad")?
pub(super) fn is_cap(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            // al-Assad, el-Sissi, ben-Gourion: a short lowercase particle, a hyphen, a capital.
            // (The particles are ASCII: the hyphen is within the first four bytes.)
            w.bytes().take(4).position(|b| b == b'-').is_some_and(|hyphen| {
                let (head, rest) = (&w[..hyphen], &w[hyphen + 1..]);
                matches!(
                    head,
                    "al" | "el" | "ad" | "as" | "an" | "ash" | "ben" | "bin" | "abu" | "ibn"
                ) && rest.chars().next().is_some_and(char::is_uppercase)
            })
        }
        _ => false,
    }
}

/// All capitals (letters), at least two characters: "OTAN", "G7", "AP-NORC".
pub(super) fn is_acronym(w: &str) -> bool {
    // A lowercase second letter stays whatever the plural ending does ("Jane", "Ms").
    if w.chars().nth(1).is_some_and(char::is_lowercase) {
        return false;
    }
    // Roman numerals belong to the name before them ("World War II", "Louis XIV").
    if w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return false;
    }
    // A plural acronym: "PACs", "MPs".
    let w = match w.strip_suffix('s') {
        Some(stem) if stem.chars().filter(|c| c.is_uppercase()).count() >= 2 => stem,
        _ => w,
    };
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    w.chars().count() >= 2
        && letters >= 1
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '&')
        && w.chars().next().is_some_and(char::is_uppercase)
}

/// Capitals inside a word: "SpaceX", "OrbitBeyond", "AdImpact".
fn is_camel(w: &str) -> bool {
    // Capitals after a hyphen or an apostrophe start a new word ("Breil-sur-Roya", "O'Neill").
    let pairs = || w.chars().zip(w.chars().skip(1));
    let inner_capital = pairs().any(|(before, c)| c.is_uppercase() && !matches!(before, '-' | '\'' | '’'));
    inner_capital && w.chars().skip(1).any(char::is_lowercase)
}

/// "Breil-sur-Roya", "Saint-Ouen-sur-Seine", "Châlons-en-Champagne": a French place name.
fn is_compound_place(w: &str) -> bool {
    let parts: Vec<&str> = w.split('-').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| {
            matches!(
                *p,
                "sur" | "sous" | "en" | "le" | "la" | "les" | "lès" | "lez" | "de" | "du" | "aux" | "upon" | "on"
            )
        })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

const PARTICLES: &[&str] = &[
    "de", "du", "des", "d'", "d’", "von", "van", "der", "den", "ter", "bin", "ben", "ibn", "al", "el", "da", "di",
    "del", "della", "dos", "das", "le", "la", "y",
];

struct Ctx<'a> {
    doc: &'a Document,
    /// Words the article capitalises in the middle of a sentence.
    mid_caps: FxHashSet<&'a str>,
    kb: &'a KbMemo<'a>,
    lang: Lang,
    words: &'a [Word],
    /// What the word lists say of each spelling met so far (an article repeats its words).
    facts: RefCell<FxHashMap<String, WordFacts>>,
}

/// What the word lists say of one spelling of a word.
#[derive(Debug, Clone, Copy)]
struct WordFacts {
    common: bool,
    not_name: bool,
    title: bool,
    head_first: Option<EntityType>,
    head_last: Option<EntityType>,
    head_lower: Option<EntityType>,
    head_any: Option<EntityType>,
    /// A lowercase brand the knowledge base knows ("franceinfo").
    lowercase_brand: bool,
}

impl WordFacts {
    fn of(lang: Lang, kb: &KbMemo<'_>, w: &str) -> WordFacts {
        let lower = w.to_lowercase();
        let base_lower = base(w).to_lowercase();
        let common = kb::is_common_word(lang, &base_lower)
            || lang::not_names(lang).contains(&base_lower)
            || lang::stopwords(lang).contains(&base_lower);
        // Elisions ("C’", "L’") and contractions of ordinary words ("It’s", "We’re", "I’ll").
        let not_name = w.ends_with(['\'', '’'])
            || lang::not_names(lang).contains(&base_lower)
            || base(w) != strip_possessive(w) && lang::stopwords(lang).contains(&base_lower);
        let lowercase_brand = !is_cap(w)
            && w.chars().count() >= 4
            && !common
            && kb
                .lookup(w)
                .is_some_and(|e| e.name == w && e.category <= kb::Category::Curated);
        WordFacts {
            common,
            not_name,
            lowercase_brand,
            title: lang::titles(lang).contains(&lower),
            head_first: head_type(lang, &lower, HeadPos::First),
            head_last: head_type(lang, &lower, HeadPos::Last),
            head_lower: head_type(lang, &lower, HeadPos::Lower),
            head_any: head_type(lang, &lower, HeadPos::Any),
        }
    }

    fn head(&self, at: HeadPos) -> Option<EntityType> {
        match at {
            HeadPos::First => self.head_first,
            HeadPos::Last => self.head_last,
            HeadPos::Lower => self.head_lower,
            HeadPos::Any => self.head_any,
        }
    }
}

impl Ctx<'_> {
    fn facts(&self, w: &str) -> WordFacts {
        if let Some(&f) = self.facts.borrow().get(w) {
            return f;
        }
        let f = WordFacts::of(self.lang, self.kb, w);
        self.facts.borrow_mut().insert(w.to_owned(), f);
        f
    }

    fn is_title(&self, w: &str) -> bool {
        self.facts(w).title
    }

    fn head_type(&self, w: &str, at: HeadPos) -> Option<EntityType> {
        self.facts(w).head(at)
    }

    fn w(&self, i: usize) -> &str {
        self.doc.slice(self.words[i].span)
    }

    fn between(&self, a: usize, b: usize) -> &str {
        &self.doc.markup.prose[self.words[a].span.end..self.words[b].span.start]
    }

    /// Only spaces between two words (or an initial's period: "J. R. Smith", "M. Dupont").
    fn adjacent(&self, a: usize, b: usize) -> bool {
        let between = self.between(a, b);
        // A soft line break inside a Markdown paragraph is a space; in plain text every line is
        // its own paragraph, so two words of one sentence never have one between them there.
        let line_breaks = between.matches('\n').count();
        let same_sentence = self.words[a].sentence == self.words[b].sentence;
        if between.chars().all(is_space) && (line_breaks == 0 || (line_breaks == 1 && same_sentence)) {
            return !between.is_empty() || self.w(a).ends_with(['\'', '’']);
        }
        let wa = self.w(a);
        let initial = wa.chars().count() == 1 && wa.chars().all(char::is_uppercase);
        let title = self.is_title(wa);
        (initial || title) && between.starts_with('.') && between[1..].chars().all(is_space) && between.len() > 1
    }

    fn clause_initial(&self, i: usize) -> bool {
        if i == 0 || self.words[i - 1].sentence != self.words[i].sentence {
            return true;
        }
        let before = self.doc.markup.prose[..self.words[i].span.start].trim_end_matches(is_space);
        before.ends_with([
            '«', '“', '"', '(', '—', '–', ':', '‘', '[', '-', '\n', '>', '*', '•', '/', '|',
        ])
    }

    fn common(&self, w: &str) -> bool {
        self.facts(w).common
    }

    /// Word `i` and the next with one space between ("The Namibian").
    fn two_words(&self, i: usize) -> Cow<'_, str> {
        if self.between(i, i + 1) == " " {
            Cow::Borrowed(
                self.doc
                    .slice(Span::new(self.words[i].span.start, self.words[i + 1].span.end)),
            )
        } else {
            Cow::Owned(format!("{} {}", self.w(i), self.w(i + 1)))
        }
    }

    fn not_name(&self, w: &str) -> bool {
        self.facts(w).not_name
    }
}

/// Finds every candidate mention in the document, in text order.
pub(super) fn candidates(doc: &Document, kb: &KbMemo<'_>) -> Vec<Cand> {
    let mut ctx = Ctx {
        doc,
        mid_caps: FxHashSet::default(),
        kb,
        lang: doc.lang,
        words: &doc.words,
        facts: RefCell::default(),
    };
    let mid_caps: FxHashSet<&str> = (0..doc.words.len())
        .filter(|&i| is_cap(ctx.w(i)) && !ctx.clause_initial(i))
        .map(|i| strip_possessive(doc.slice(doc.words[i].span)))
        .collect();
    ctx.mid_caps = mid_caps;
    let title_case = title_case_blocks(&ctx);
    let mut out = Vec::new();
    let n = ctx.words.len();
    let mut i = 0;
    while i < n {
        if !is_cap(ctx.w(i)) {
            if ctx.facts(ctx.w(i)).lowercase_brand {
                out.push(simple_cand(&ctx, ctx.words[i].span, false));
            }
            i += 1;
            continue;
        }
        let known_with_article = i + 1 < n
            && is_cap(ctx.w(i + 1))
            && ctx.adjacent(i, i + 1)
            && ctx
                .kb
                .lookup(&ctx.two_words(i))
                .is_some_and(|e| e.category <= kb::Category::Curated);
        // "told The Namibian": a capitalised article inside a sentence belongs to a title.
        let capital_article = i + 1 < n
            && matches!(ctx.w(i), "The" | "Le" | "La" | "Les")
            && !ctx.clause_initial(i)
            && is_cap(ctx.w(i + 1))
            && ctx.adjacent(i, i + 1);
        if ctx.not_name(ctx.w(i)) && !is_acronym(ctx.w(i)) && !known_with_article && !capital_article {
            i += 1;
            continue;
        }
        if let Some(end) = dotted_acronym(&ctx, i) {
            let span = Span::new(ctx.words[i].span.start, ctx.words[end].span.end + 1);
            out.push(simple_cand(&ctx, span, true));
            i = end + 1;
            continue;
        }
        let mut end = extend_run(&ctx, i);
        // A title inside the run starts a new name: "North Carolina Sen. Thom Tillis".
        if let Some(t) = (i + 1..=end).find(|&k| ctx.is_title(ctx.w(k)) && !ctx.is_title(ctx.w(k - 1)) && k < end) {
            end = t - 1;
        }
        if let Some(k) = known_place_prefix(&ctx, i, end) {
            end = k;
        }
        let next = end + 1;
        if let Some(c) = make_cand(&ctx, i, end) {
            let block = doc.sentences[c.sentence].block;
            let mut c = c;
            c.weak = title_case[block];
            out.push(c);
        }
        i = next;
    }
    let expansions = expansions(&ctx);
    // An expansion replaces the runs inside it ("Etat" inside "Etat islamique (EI)").
    let covered = Covered::new(expansions.iter().map(|e| e.span));
    out.retain(|c| !covered.overlaps(c.span));
    out.extend(expansions);
    out.sort_by_key(|c| c.span.start);
    out
}

/// Spans, to ask whether any overlaps a given one without trying each.
struct Covered {
    /// Sorted by start, with the largest end among them up to each one.
    spans: Vec<(usize, usize)>,
}

impl Covered {
    fn new(spans: impl Iterator<Item = Span>) -> Covered {
        let mut starts: Vec<(usize, usize)> = spans.map(|s| (s.start, s.end)).collect();
        starts.sort_unstable();
        let mut max_end = 0;
        for (_, end) in &mut starts {
            max_end = max_end.max(*end);
            *end = max_end;
        }
        Covered { spans: starts }
    }

    /// Does a span overlap this one (start before its end, end after its start)?
    fn overlaps(&self, span: Span) -> bool {
        let before_end = self.spans.partition_point(|&(start, _)| start < span.end);
        before_end > 0 && self.spans[before_end - 1].1 > span.start
    }
}

/// "Massachusetts Joshua Levy", "California Gov. Jane Roe": a known place run into a name.
fn known_place_prefix(ctx: &Ctx<'_>, i: usize, end: usize) -> Option<usize> {
    if end < i + 2 {
        return None;
    }
    let whole = ctx
        .doc
        .slice(Span::new(ctx.words[i].span.start, ctx.words[end].span.end));
    if ctx.kb.lookup(whole).is_some() {
        return None;
    }
    (i..end - 1).rev().find(|&k| {
        let prefix = ctx.doc.slice(Span::new(ctx.words[i].span.start, ctx.words[k].span.end));
        let place = ctx.kb.lookup(prefix).is_some_and(|e| {
            e.kind == EntityType::Place && (e.category != kb::Category::City || e.population >= 100_000)
        });
        place && !ctx.common(ctx.w(k + 1)) && is_cap(ctx.w(k + 2)) && ctx.head_type(ctx.w(end), HeadPos::Last).is_none()
    })
}

/// "U.S.", "U.K.": single capitals joined by periods; returns the last letter's word.
fn dotted_acronym(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let single = |k: usize| {
        let w = ctx.w(k);
        w.chars().count() == 1 && w.chars().all(char::is_uppercase)
    };
    let mut k = i;
    while k + 1 < ctx.words.len() && single(k) && single(k + 1) && ctx.between(k, k + 1) == "." {
        k += 1;
    }
    let after = ctx.doc.markup.prose[ctx.words[k].span.end..].starts_with('.');
    (k > i && after).then_some(k)
}

fn simple_cand(ctx: &Ctx<'_>, span: Span, acronym: bool) -> Cand {
    let sentence = ctx.doc.sentence_at(span.start).unwrap_or(0);
    Cand {
        span,
        text: squash_spaces(ctx.doc.slice(span)),
        hint: None,
        weak_hint: None,
        intro: None,
        clause_initial: false,
        acronym,
        expansion_of: None,
        weak: false,
        sentence,
    }
}

/// The last word of the run of capitalised words starting at `i`.
fn extend_run(ctx: &Ctx<'_>, i: usize) -> usize {
    let n = ctx.words.len();
    let sentence = ctx.words[i].sentence;
    let mut last = i;
    loop {
        let k = last + 1;
        if k >= n || ctx.words[k].sentence != sentence {
            break;
        }
        let wk = ctx.w(k);
        let wl = ctx.w(last);
        // A possessive ends the name ("NASA’s Volatiles", "Namibia’s Kunene"), unless an
        // organisation's name goes on ("Harbor Fishermen's Association").
        if strip_possessive(wl) != wl && ctx.head_type(wk, HeadPos::Last).is_none() {
            break;
        }
        if is_cap(wk) && ctx.adjacent(last, k) && !ctx.not_name(wk) {
            // An all-capitals word beside a mixed-case one is its own name ("Paris AFP",
            // "NASA Administrator"), except initials before a name ("JD Vance").
            if is_acronym(wk) != is_acronym(wl) {
                let initials = last == i
                    && is_acronym(wl)
                    && wl.chars().count() <= 2
                    && ctx.kb.acronym(wl).is_none()
                    && !is_acronym(wk);
                if !initials || (is_acronym(wk) && !all_caps_line(ctx, k)) {
                    break;
                }
            }
            last = k;
            continue;
        }
        // Connectors: "Bourse de Paris", "University of Oxford", "Charles de Gaulle".
        let mut j = k;
        let mut connectors = Vec::new();
        while j < n && j < k + 2 && ctx.words[j].sentence == sentence && !is_cap(ctx.w(j)) {
            connectors.push(ctx.w(j).to_lowercase());
            j += 1;
        }
        if connectors.is_empty() || j >= n || ctx.words[j].sentence != sentence || !is_cap(ctx.w(j)) {
            break;
        }
        let chain_ok = (last..j).all(|a| ctx.adjacent(a, a + 1));
        if !chain_ok || ctx.not_name(ctx.w(j)) || is_acronym(ctx.w(j)) {
            break;
        }
        let joined = connectors.join(" ");
        let first = ctx.w(i);
        let prev = ctx.w(last);
        let head = ctx.head_type(first, HeadPos::First).is_some() || ctx.head_type(prev, HeadPos::First).is_some();
        let allowed = match ctx.lang {
            Lang::En => {
                matches!(joined.as_str(), "of" | "of the" | "for" | "for the" | "on" | "&") && head
                    || PARTICLES.contains(&joined.as_str()) && last == i && !ctx.common(first)
            }
            Lang::Fr => {
                matches!(
                    joined.as_str(),
                    "de" | "du" | "des" | "d'" | "d’" | "de la" | "de l'" | "de l’" | "l'" | "l’"
                ) && head
                    || PARTICLES.contains(&joined.as_str())
                        && last == i
                        && !ctx.common(first)
                        && ctx.kb.lookup(ctx.w(j)).is_none()
            }
        };
        if !allowed {
            break;
        }
        last = j;
    }
    if ctx.lang == Lang::Fr && last + 1 < n && ctx.words[last + 1].sentence == sentence && ctx.adjacent(last, last + 1)
    {
        let phrase = ctx
            .doc
            .slice(Span::new(ctx.words[i].span.start, ctx.words[last + 1].span.end));
        if ctx.w(last + 1).chars().next().is_some_and(char::is_lowercase)
            && ctx
                .kb
                .lookup(phrase)
                .is_some_and(|e| e.category <= kb::Category::Curated)
        {
            return last + 1;
        }
    }
    if ctx.lang == Lang::Fr && last == i && ctx.head_type(ctx.w(i), HeadPos::First).is_some() {
        // "Union européenne", "Conseil fédéral", "Village olympique".
        let mut k = last + 1;
        while k < n && k <= last + 2 && ctx.words[k].sentence == sentence && ctx.adjacent(k - 1, k) {
            let w = ctx.w(k);
            if !w.chars().next().is_some_and(char::is_lowercase) || !is_french_adjective(w) {
                break;
            }
            k += 1;
        }
        last = k - 1;
    }
    last
}

/// Looks like a French adjective of nationality or kind: "européenne", "fédéral", "olympique".
fn is_french_adjective(w: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "éen", "éenne", "éens", "éennes", "al", "ale", "aux", "ales", "ique", "iques", "ien", "ienne", "iens",
        "iennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine", "ains", "aines", "el", "elle", "els",
        "elles", "suisse", "suisses", "if", "ive",
    ];
    w.chars().count() >= 5 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// Is the word in a line written all in capitals (a dateline, a shouted subheading)?
fn all_caps_line(ctx: &Ctx<'_>, k: usize) -> bool {
    let s = ctx.words[k].sentence;
    ctx.doc.sentence_words(s).iter().all(|w| {
        let t = ctx.doc.slice(w.span);
        !t.chars().any(char::is_lowercase)
    })
}

/// Trims a run into a candidate: titles off (kept as the introduction), sentence-initial
/// ordinary words off, the possessive off.
fn make_cand(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<Cand> {
    let lang = ctx.lang;
    let mut s = start;
    let mut hint = None;
    let mut intro: Option<(Span, String)> = None;
    // Capitalised titles inside the run: "President Joe Biden", "M. Dupont", "Gen. Smith".
    while s < end && ctx.is_title(ctx.w(s)) {
        hint = Some(EntityType::Person);
        s += 1;
    }
    if s > start {
        let span = Span::new(ctx.words[start].span.start, ctx.words[s - 1].span.end);
        intro = Some((span, ctx.doc.slice(span).to_owned()));
    }
    if s == start && ctx.is_title(ctx.w(s)) && s == end {
        return None;
    }
    // The whole run, as written, may be a known name ("North Carolina", "The Namibian").
    let whole = Span::new(ctx.words[s].span.start, ctx.words[end].span.end);
    // (A town that is also a word, "Reading the budget", "Mobile phones", proves nothing here.)
    let whole_known = ctx.kb.lookup(strip_possessive(ctx.doc.slice(whole))).is_some_and(|e| {
        let town = matches!(e.category, kb::Category::City | kb::Category::Region);
        !(s == end && town && ctx.common(ctx.w(s)))
    });
    let clause_initial = ctx.clause_initial(s);
    if clause_initial && !whole_known {
        // "The White House", "However Smith": drop ordinary opening words, unless the article
        // capitalises the word mid-sentence elsewhere (then it is a name: "Trump", "Bush").
        while s <= end
            && ctx.common(ctx.w(s))
            && !is_acronym(ctx.w(s))
            && !ctx.mid_caps.contains(strip_possessive(ctx.w(s)))
        {
            s += 1;
        }
    }
    if s > end {
        return None;
    }
    let mut e = end;
    while e > s && ctx.not_name(ctx.w(e)) {
        e -= 1;
    }
    let first_word = ctx.w(s);
    if ctx.not_name(first_word)
        && !is_acronym(first_word)
        && !whole_known
        && !matches!(first_word, "The" | "Le" | "La" | "Les")
    {
        return None;
    }
    let mut span = Span::new(ctx.words[s].span.start, ctx.words[e].span.end);
    let raw = ctx.doc.slice(span);
    let text = strip_possessive(raw);
    span.end = span.start + text.len();
    let text = text.to_owned();
    let single = s == e;
    // Lowercase titles just before: "le président Emmanuel Macron", "the mayor Jane Doe".
    if intro.is_none() && s > 0 {
        for back in [2usize, 1] {
            if s < back || ctx.words[s - back].sentence != ctx.words[s].sentence {
                continue;
            }
            let from = ctx.words[s - back].span.start;
            if ctx.is_title(ctx.doc.prose(Span::new(from, ctx.words[s - 1].span.end))) {
                intro = Some((
                    Span::new(from, ctx.words[s - 1].span.end),
                    ctx.doc.slice(Span::new(from, ctx.words[s - 1].span.end)).to_owned(),
                ));
                hint = Some(EntityType::Person);
                break;
            }
        }
    }
    // French lowercase heads: "palais de Blenheim", "mer Noire", "équipe de France".
    if lang == Lang::Fr && s > 0 {
        let mut k = s;
        let mut skipped = 0;
        while k > 0
            && skipped < 3
            && ctx.words[k - 1].sentence == ctx.words[s].sentence
            && matches!(
                ctx.w(k - 1).to_lowercase().as_str(),
                "de" | "du" | "des" | "d'" | "d’" | "la" | "l'" | "l’"
            )
        {
            k -= 1;
            skipped += 1;
        }
        let try_head = |k: usize| -> Option<EntityType> {
            (k > 0 && ctx.words[k - 1].sentence == ctx.words[s].sentence)
                .then(|| ctx.head_type(ctx.w(k - 1), HeadPos::Lower))
                .flatten()
                .filter(|_| ctx.w(k - 1).chars().next().is_some_and(char::is_lowercase))
        };
        let found = try_head(k).map(|t| (k - 1, t)).or_else(|| {
            // One adjective between: "ministère russe de la Défense".
            (k > 1 && k < s).then(|| try_head(k - 1).map(|t| (k - 2, t))).flatten()
        });
        if let Some((h, t)) = found
            && (k < s || t == EntityType::Place || ctx.w(h) == "éditions")
        {
            span.start = ctx.words[h].span.start;
            hint = Some(t);
        }
    }
    let text = if span.start == ctx.words[s].span.start {
        text
    } else {
        ctx.doc.slice(span).to_owned()
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    if !is_plausible(ctx, &words, &text) {
        return None;
    }
    // Heads and suffixes: "Sierra Nevada Corporation", "Office fédéral", "Cape Town".
    if hint.is_none() && words.len() > 1 {
        hint = ctx
            .head_type(words[0], HeadPos::First)
            .or_else(|| words.last().and_then(|w| ctx.head_type(w, HeadPos::Last)));
    }
    let acronym = single && is_acronym(&text);
    // A minister's portfolio: "la ministre de la Transition écologique", "ministre des Armées".
    if lang == Lang::Fr && s >= 2 {
        let back: Vec<String> = (s.saturating_sub(3)..s).map(|k| ctx.w(k).to_lowercase()).collect();
        let portfolio = back.iter().any(|w| w == "ministre" || w == "secrétaire")
            && back
                .last()
                .is_some_and(|w| matches!(w.as_str(), "de" | "du" | "des" | "la" | "l'" | "l’" | "d'" | "d’"));
        if portfolio && single {
            return None;
        }
    }
    // A section label: "Semiconducteurs : TSMC…", "Takeaways: …".
    if single && clause_initial && !acronym && ctx.kb.lookup(&text).is_none() {
        let after = ctx.doc.markup.prose[span.end..].trim_start_matches(is_space);
        if after.starts_with(':') {
            return None;
        }
    }
    if is_demonym(ctx, &text) {
        return None;
    }
    // Nationality adjectives in English: "American officials", "the Namibian coast".
    if lang == Lang::En && single && !acronym && ctx.kb.lookup(&text).is_none() {
        let lower = text.to_lowercase();
        let adjective = ["an", "ian", "ese", "ish", "ic", "ean", "ch"]
            .iter()
            .any(|suf| lower.ends_with(suf))
            && kb::is_common_word(Lang::En, &lower);
        let next_lower = e + 1 < ctx.words.len()
            && ctx.words[e + 1].sentence == ctx.words[e].sentence
            && ctx.w(e + 1).chars().next().is_some_and(char::is_lowercase);
        if adjective && next_lower {
            return None;
        }
    }
    if hint.is_none() && single {
        hint = ctx.head_type(&text, HeadPos::First).filter(|_| lang == Lang::Fr);
    }
    let mut weak_hint = None;
    if single && is_camel(&text) {
        weak_hint = Some(EntityType::Organization);
    }
    if single && is_compound_place(&text) {
        weak_hint = Some(EntityType::Place);
    }
    if s > 0 && ctx.words[s - 1].sentence == ctx.words[s].sentence {
        let prev = lang::lowercase(ctx.w(s - 1));
        let place_preps: &[&str] = match lang {
            Lang::En => &["in", "near", "outside"],
            Lang::Fr => &["à", "près", "vers"],
        };
        if place_preps.contains(&&*prev) && weak_hint.is_none() {
            weak_hint = Some(EntityType::Place);
        }
        let org_cues: &[&str] = match lang {
            Lang::En => &[
                "company", "firm", "group", "operator", "giant", "maker", "agency", "startup", "brand", "outlet",
            ],
            Lang::Fr => &[
                "société",
                "groupe",
                "entreprise",
                "opérateur",
                "géant",
                "constructeur",
                "fabricant",
                "agence",
                "chez",
                "cabinet",
                "label",
                "radio",
                "chaîne",
                "quotidien",
                "magazine",
                "hebdomadaire",
                "site",
                "plateforme",
                "association",
                "collectif",
                "start-up",
                "marque",
                "enseigne",
            ],
        };
        if org_cues.contains(&&*prev) {
            weak_hint = Some(EntityType::Organization);
        }
    }
    if intro.is_none() {
        intro = apposition(ctx, e);
    }
    Some(Cand {
        span,
        text,
        hint,
        weak_hint,
        intro,
        clause_initial: single && clause_initial && span.start == ctx.words[start].span.start,
        acronym,
        expansion_of: None,
        weak: false,
        sentence: ctx.words[s].sentence,
    })
}

/// Rejects what is capitalised but not a name: holidays ("Labor Day"), compounds ending in an
/// ordinary word ("Democratic-leaning", "Connectez-vous"), shouted ordinary words ("VIDEO",
/// "MASSIVE RISKS").
fn is_plausible(ctx: &Ctx<'_>, words: &[&str], text: &str) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    if words.len() > 1 && matches!(last.to_lowercase().as_str(), "day" | "eve") {
        return false;
    }
    for w in words {
        if let Some((_, tail)) = w.rsplit_once('-') {
            let lower_tail = tail.chars().next().is_some_and(char::is_lowercase);
            if lower_tail && (ctx.common(tail) || lang::stopwords(ctx.lang).contains_ci(tail)) && !ctx.common(w) {
                return false;
            }
            let head = w.split('-').next().unwrap_or("");
            if tail.chars().all(|c| c.is_ascii_digit()) && !is_acronym(w) && !is_acronym(head) {
                return false;
            }
        }
    }
    let shouted = text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if shouted && ctx.kb.lookup(text).is_none() && ctx.kb.acronym(text).is_none() {
        let ordinary = words
            .iter()
            .all(|w| w.chars().count() >= 4 && (ctx.common(w) || lang::stopwords(ctx.lang).contains_ci(w)));
        let spelled_out = ctx.doc.markup.prose.contains(&format!("({text})"));
        if ordinary && !spelled_out {
            return false;
        }
    }
    true
}

/// "Namibian", "South African", "Americans": a people or an adjective made from a known place.
fn is_demonym(ctx: &Ctx<'_>, text: &str) -> bool {
    if ctx.lang != Lang::En || ctx.kb.lookup(text).is_some() {
        return false;
    }
    let t = text.strip_suffix('s').unwrap_or(text);
    for suffix in ["n", "an", "ian", "ese", "ish", "i", "ern", "ic"] {
        if let Some(stem) = t.strip_suffix(suffix)
            && stem.chars().count() >= 3
        {
            for candidate in [
                stem.to_owned(),
                format!("{stem}a"),
                format!("{stem}e"),
                format!("{stem}y"),
            ] {
                if ctx.kb.lookup(&candidate).is_some_and(|e| {
                    matches!(
                        e.category,
                        kb::Category::Country | kb::Category::Continent | kb::Category::Region
                    ) || e.kind == EntityType::Place && e.population > 1_000_000
                }) {
                    return true;
                }
            }
        }
    }
    false
}

/// "X, the mayor of Y," / « X, porte-parole de Y, »: the apposition after a name.
fn apposition(ctx: &Ctx<'_>, e: usize) -> Option<(Span, String)> {
    let prose = &ctx.doc.markup.prose;
    let after = &prose[ctx.words[e].span.end..];
    let rest = after.strip_prefix(',')?;
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let start = ctx.words[e].span.end + 1 + lead;
    let body = &prose[start..];
    let first = body
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
        .next()?;
    let lower = first.to_lowercase();
    let determiners: &[&str] = match ctx.lang {
        Lang::En => &["the", "a", "an", "who", "its", "his", "her"],
        Lang::Fr => &["le", "la", "l", "un", "une", "son", "sa", "qui", "ancien", "ancienne"],
    };
    let opens = determiners.contains(&lower.as_str())
        || lang::titles(ctx.lang).contains(&lower)
        || lower.starts_with("l'")
        || lower.starts_with("l’");
    if !opens {
        return None;
    }
    let len = body
        .char_indices()
        .find(|&(_, c)| matches!(c, ',' | '.' | ';' | '(' | '\n' | '»' | '«' | '"' | '“' | '”'))
        .map_or(body.len(), |(i, _)| i);
    if len == 0 || len > 90 {
        return None;
    }
    let span = Span::new(start, start + len);
    Some((span, ctx.doc.slice(span).trim().to_owned()))
}

/// The word without an English contraction: "It’s" -> "It", "We’re" -> "We", "Trump’s" -> "Trump".
fn base(w: &str) -> &str {
    if let Some(i) = w.find(['\'', '’']) {
        let tail = w[i..].trim_start_matches(['\'', '’']);
        if matches!(tail, "s" | "re" | "ll" | "ve" | "d" | "m" | "t") {
            return if tail == "t" {
                w[..i].trim_end_matches('n')
            } else {
                &w[..i]
            };
        }
    }
    w
}

pub(crate) fn strip_possessive(s: &str) -> &str {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(t) = s.strip_suffix(suf)
            && !t.is_empty()
        {
            return t;
        }
    }
    s
}

/// Blocks written in Title Case (headlines), by block index: their capitals prove nothing.
fn title_case_blocks(ctx: &Ctx<'_>) -> Vec<bool> {
    let mut out = vec![false; ctx.doc.blocks().len()];
    if ctx.lang != Lang::En {
        return out;
    }
    for (bi, block) in ctx.doc.blocks().iter().enumerate() {
        // Headlines do not end with a full stop; sentences full of names do.
        if ctx
            .doc
            .prose(block.span)
            .trim_end()
            .ends_with(['.', '!', '?', '»', '"', '”'])
        {
            continue;
        }
        // Sentences are in text order, so a block's sentences are consecutive.
        let first = ctx.doc.sentences.partition_point(|s| s.block < bi);
        let end = ctx.doc.sentences.partition_point(|s| s.block <= bi);
        let words: Vec<&str> = (first..end)
            .flat_map(|si| ctx.doc.sentence_words(si).iter().map(|w| ctx.doc.slice(w.span)))
            .filter(|w| !lang::stopwords(ctx.lang).contains_ci(w) && w.chars().next().is_some_and(char::is_alphabetic))
            .collect();
        if words.len() >= 3 && words.len() <= 25 {
            let caps = words.iter().filter(|w| is_cap(w)).count();
            if caps * 10 >= words.len() * 8 {
                out[bi] = true;
            }
        }
    }
    out
}

static ACRONYM_IN_PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,9})\s*\)").expect("valid regex"));

const FUNCTION_WORDS: &[&str] = &[
    "de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "à", "au", "aux", "en", "pour", "sur", "of",
    "the", "and", "for", "on", "in", "to", "&",
];

/// "the World Health Organization (WHO)", "l'Etat islamique (EI)": the words before the
/// parenthesis whose initials spell the acronym.
fn expansions(ctx: &Ctx<'_>) -> Vec<Cand> {
    let prose = &ctx.doc.markup.prose;
    let mut out = Vec::new();
    for m in ACRONYM_IN_PARENS.captures_iter(prose) {
        let (Some(all), Some(acr)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let acronym = acr.as_str();
        let upper: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
        if upper.len() < 2 {
            continue;
        }
        // The last word before the parenthesis.
        let last = ctx.words.partition_point(|w| w.span.end <= all.start());
        if last == 0 {
            continue;
        }
        let last = last - 1;
        if let Some(first) = match_initials(ctx, last, &upper) {
            let span = Span::new(ctx.words[first].span.start, ctx.words[last].span.end);
            let text = squash_spaces(ctx.doc.slice(span));
            let hint = text
                .split_whitespace()
                .next()
                .and_then(|w| ctx.head_type(w, HeadPos::First))
                .or_else(|| {
                    text.split_whitespace()
                        .last()
                        .and_then(|w| ctx.head_type(w, HeadPos::Last))
                });
            out.push(Cand {
                span,
                text,
                hint,
                weak_hint: Some(EntityType::Organization),
                intro: None,
                clause_initial: false,
                acronym: false,
                expansion_of: Some(acronym.to_owned()),
                weak: false,
                sentence: ctx.words[last].sentence,
            });
        }
    }
    out
}

/// Walks back from word `last` consuming the acronym's letters from its end; returns the first
/// word of the expansion.
fn match_initials(ctx: &Ctx<'_>, last: usize, letters: &[char]) -> Option<usize> {
    let fold1 = |c: char| kb::fold(&c.to_string());
    let mut remaining = letters.len();
    let mut k = last as isize;
    let sentence = ctx.words[last].sentence;
    let mut first = None;
    let mut steps = 0;
    while remaining > 0 && k >= 0 && steps < 14 {
        let w = ctx.w(k as usize);
        steps += 1;
        if ctx.words[k as usize].sentence != sentence {
            return None;
        }
        let lower = w.to_lowercase();
        let folded = kb::fold(w);
        // A hyphenated word gives one letter per part: "Nano-Satellite", "Tran-Van".
        let parts: Vec<String> = folded.split(' ').map(str::to_owned).collect();
        let want = fold1(letters[remaining - 1]);
        if parts.len() > 1 && parts.len() <= remaining {
            let tail: String = letters[remaining - parts.len()..remaining]
                .iter()
                .map(|&c| fold1(c))
                .collect();
            let initials: String = parts.iter().filter_map(|p| p.chars().next()).collect();
            if initials == tail {
                remaining -= parts.len();
                first = Some(k as usize);
                k -= 1;
                continue;
            }
        }
        if folded.starts_with(&want) {
            // Two letters from one word: "AGriculture" in OFAG.
            if remaining >= 2 {
                let two: String = letters[remaining - 2..remaining].iter().map(|&c| fold1(c)).collect();
                let w2: String = folded.chars().take(2).collect();
                if w2 == two && !FUNCTION_WORDS.contains(&lower.as_str()) {
                    let before = k - 1;
                    let prev_ok = before >= 0 && {
                        let p = kb::fold(ctx.w(before as usize));
                        p.starts_with(&fold1(letters[remaining - 2]))
                    };
                    if !prev_ok {
                        remaining -= 2;
                        first = Some(k as usize);
                        k -= 1;
                        continue;
                    }
                }
            }
            remaining -= 1;
            first = Some(k as usize);
            k -= 1;
            continue;
        }
        // Two letters from one word whose initial is not the acronym's letter: "AGriculture".
        if remaining >= 2 && !FUNCTION_WORDS.contains(&lower.as_str()) {
            let two: String = letters[remaining - 2..remaining].iter().map(|&c| fold1(c)).collect();
            let w2: String = folded.chars().take(2).collect();
            if w2 == two {
                remaining -= 2;
                first = Some(k as usize);
                k -= 1;
                continue;
            }
        }
        if FUNCTION_WORDS.contains(&lower.as_str()) && first.is_some() {
            k -= 1;
            continue;
        }
        return None;
    }
    let first = first?;
    (remaining == 0 && (is_cap(ctx.w(first)) || ctx.lang == Lang::Fr)).then_some(first)
}
