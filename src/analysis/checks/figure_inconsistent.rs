//! `figure.inconsistent`: one quantity stated with two values.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Context, Rule};
use crate::analysis::extract::figures::{Figure, Kind, intervals_meet};
use crate::analysis::{Finding, Severity};
use crate::lang;

pub static RULE: Rule = Rule {
    code: "figure.inconsistent",
    summary: "the same quantity stated with different values (a toll, an age, a total); an approximate form compatible with an exact one is not inconsistent",
    summary_fr: "une même quantité donnée avec deux valeurs (un bilan, un âge, un total) ; une forme approchée compatible avec la valeur exacte n'est pas une incohérence",
    doc: "### What it does\n\
Compares every figure with the earlier figures that count the same thing (the same noun phrase, \
the same casualty class, the value of the same named quantity, one person's age) and flags a later \
mention whose value the earlier one contradicts. The finding sits on the later mention and points \
at the earlier one.\n\n\
Approximations are read for what they allow: \"more than X\" accepts any value of X or more, \
\"about X\" accepts ±10 %, a rounded form (\"3.5 million\") accepts what it rounds (\"3,512,000\"), \
a range accepts what it spans. A figure that the sentence presents as a change (\"rose to\", \
\"passé à\", \"now\", \"désormais\", \"+4 %\", \"de 800 à 750\") or that belongs to a different year \
is not compared, and a person's age one year apart is not a contradiction. The rule stays silent \
when it is unsure that two numbers count the same thing: it reports a warning when the counted \
phrase matches and the two values look like one mistyped figure, and information when only the \
head noun matches.\n\n\
### Why it matters\n\
A toll given as 12 in the lede and 14 further down, or an age that changes between paragraphs, \
is the error readers write in about, and the one a desk misses because each sentence reads well on \
its own.\n\n\
### Example\n\
`Twelve people were killed on Monday. [...] The 14 people killed were all passengers.` → the \
second figure is flagged, with the first as related information. `About 300 homes` and `312 homes` \
are not flagged; `Jean Dupont, 45 ans` and `il fêtera ses 46 ans en mai` are not either.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let figures = &ctx.facts.figures;
    // Whether the words around each figure present it as a change: read once per figure, not
    // once per pair (the pairs are quadratic in a long article).
    let changed: Vec<bool> = figures.par_iter().map(|f| changes(ctx, f)).collect();
    let memo = Memo::new(ctx);
    let mut index = Candidates::default();
    for (f, c) in figures.iter().zip(&memo.compact) {
        if comparable(f) {
            index.add(c, f);
        }
    }
    // Each figure is judged against the earlier ones on its own, so the figures are judged side
    // by side; collecting keeps text order.
    let mut out: Vec<Finding> = figures
        .par_iter()
        .enumerate()
        .filter(|(_, b)| comparable(b))
        .filter_map(|(bi, b)| judge(&memo, &index.earlier(b, &memo.compact[bi]), bi, &changed))
        .collect();
    out.extend(conversions(ctx));
    out
}

/// The finding on figure `bi`, if one of the `earlier` figures contradicts it.
fn judge(memo: &Memo<'_, '_>, earlier: &[Compact], bi: usize, changed: &[bool]) -> Option<Finding> {
    let ctx = memo.ctx;
    let figures = &ctx.facts.figures;
    let (b, cb) = (&figures[bi], &memo.compact[bi]);
    // A later mention that repeats an earlier value of the same thing is consistent with it.
    // (The index holds only comparable figures.)
    if earlier
        .iter()
        .any(|ca| ca.agrees(cb) && same_thing(memo.figure(ca.index()), b))
    {
        return None;
    }
    let best = earlier
        .iter()
        .rev()
        .filter_map(|ca| {
            let ai = ca.index();
            conflict(memo, ca, cb, changed[ai] || changed[bi]).map(|s| (&figures[ai], s))
        })
        .max_by_key(|(_, s)| *s);
    let (a, severity) = best?;
    let (wa, wb) = (ctx.doc.slice(a.span), ctx.doc.slice(b.span));
    let what = b.counts.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
    let message = if b.kind == Kind::Age {
        ctx.say(
            format!(
                "{} is {wb} here but {wa} earlier",
                b.counts.as_deref().unwrap_or_default()
            ),
            format!(
                "{} a {wb} ici, mais {wa} plus haut",
                b.counts.as_deref().unwrap_or_default()
            ),
        )
    } else {
        ctx.say(
            format!("\"{wb}\" contradicts \"{wa}\" stated earlier for the same quantity{what}"),
            format!("« {wb} » contredit « {wa} », donné plus haut pour la même quantité{what}"),
        )
    };
    let related = ctx.say(
        format!("first stated as \"{wa}\" here"),
        format!("d'abord donné ici : « {wa} »"),
    );
    Some(Finding::new(RULE.code, b.span, severity, message).with_related(a.span, related))
}

/// "8,4 milliards de dollars (7,7 milliards d'euros)": an amount converted in parentheses.
struct Conversion<'f> {
    from: &'f Figure,
    to: &'f Figure,
    rate: f64,
    /// How far rounding alone can move the rate, relative.
    slack: f64,
}

/// Conversions between the same two currencies should use one rate throughout an article.
fn conversions(ctx: &Context<'_>) -> Vec<Finding> {
    let figures = &ctx.facts.figures;
    let text = &ctx.doc.markup.prose;
    let mut pairs: Vec<Conversion<'_>> = Vec::new();
    for w in figures.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.kind != Kind::Money || b.kind != Kind::Money || a.unit == b.unit || a.bound != b.bound || a.max.is_some() {
            continue;
        }
        let gap = text.get(a.span.end..b.span.start).unwrap_or("");
        if gap.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}') != "(" {
            continue;
        }
        if a.value <= 0.0 || b.value <= 0.0 {
            continue;
        }
        let rel = |f: &Figure| f.step / 2.0 / f.value;
        pairs.push(Conversion {
            from: a,
            to: b,
            rate: b.base() / a.base(),
            slack: rel(a) + rel(b),
        });
    }
    let mut out = Vec::new();
    for (i, later) in pairs.iter().enumerate() {
        let Some(earlier) = pairs[..i]
            .iter()
            .filter(|p| p.from.unit == later.from.unit && p.to.unit == later.to.unit)
            .find(|p| {
                let deviation = (later.rate / p.rate - 1.0).abs();
                deviation > later.slack + p.slack + 0.03
            })
        else {
            continue;
        };
        // Only when the other conversions agree with each other (the odd one out is this one).
        if pairs[..i]
            .iter()
            .filter(|p| p.from.unit == later.from.unit && p.to.unit == later.to.unit)
            .any(|p| (p.rate / later.rate - 1.0).abs() <= p.slack + later.slack + 0.03)
        {
            continue;
        }
        let span = crate::text::Span::new(later.from.span.start, later.to.span.end);
        let (from, to) = (
            later.from.unit.as_deref().unwrap_or(""),
            later.to.unit.as_deref().unwrap_or(""),
        );
        let message = ctx.say(
            format!(
                "converted at {:.3} {to} per {from} here, but at {:.3} earlier",
                later.rate, earlier.rate
            ),
            format!(
                "converti à {:.3} {to} pour 1 {from} ici, mais à {:.3} plus haut",
                later.rate, earlier.rate
            ),
        );
        let related = ctx.say("the earlier conversion", "la conversion précédente");
        out.push(
            Finding::new(RULE.code, span, Severity::Information, message).with_related(
                crate::text::Span::new(earlier.from.span.start, earlier.to.span.end),
                related,
            ),
        );
    }
    out
}

/// The earlier comparable figures that can count the same thing as a later one: those
/// [`same_thing`] could accept, found by key instead of by scanning every earlier figure (the
/// pairs are quadratic in a long article). The lists hold the figures' compact copies, so that
/// the pair tests read them one after the other in memory.
#[derive(Default)]
struct Candidates<'f> {
    /// Every comparable figure of a kind and unit.
    group: FxHashMap<(Kind, Option<&'f str>), Vec<Compact>>,
    /// Those of them without a counted noun.
    keyless: FxHashMap<(Kind, Option<&'f str>), Vec<Compact>>,
    /// By counted noun.
    key: FxHashMap<(Kind, Option<&'f str>, &'f str), Vec<Compact>>,
    /// By a word of an age's person ([`same_person`]) or of an amount's noun ([`same_purse`]).
    word: FxHashMap<(Kind, Option<&'f str>, &'f str), Vec<Compact>>,
}

/// Money, shares and durations may be compared without a counted noun.
fn keyless_kind(kind: Kind) -> bool {
    matches!(kind, Kind::Money | Kind::Percent | Kind::Duration)
}

/// The words that tie two figures of one kind together beyond an equal key.
fn linking_words(f: &Figure) -> Vec<&str> {
    match f.kind {
        Kind::Age => person_words(f),
        Kind::Money => purse_words(f),
        _ => Vec::new(),
    }
}

/// The words of an age's person ("person:dana pruitt": "dana", "pruitt").
fn person_words(f: &Figure) -> Vec<&str> {
    f.key
        .as_deref()
        .and_then(|k| k.strip_prefix("person:"))
        .map(|n| n.split_whitespace().collect())
        .unwrap_or_default()
}

/// An amount's noun and the words around it.
fn purse_words(f: &Figure) -> Vec<&str> {
    f.key.iter().chain(f.modifiers.iter()).map(String::as_str).collect()
}

impl<'f> Candidates<'f> {
    /// Adds figure `f`, whose compact copy is `c`.
    fn add(&mut self, c: &Compact, f: &'f Figure) {
        let group = (f.kind, f.unit.as_deref());
        self.group.entry(group).or_default().push(*c);
        match f.key.as_deref() {
            Some(key) => self.key.entry((f.kind, group.1, key)).or_default().push(*c),
            None => self.keyless.entry(group).or_default().push(*c),
        }
        let mut words = linking_words(f);
        words.sort_unstable();
        words.dedup();
        for w in words {
            self.word.entry((f.kind, group.1, w)).or_default().push(*c);
        }
    }

    /// The figures before `f` (whose compact copy is `c`) that may count what it counts, in
    /// text order.
    fn earlier<'s>(&'s self, f: &'s Figure, c: &Compact) -> Cow<'s, [Compact]> {
        let before = |list: &'s Vec<Compact>| &list[..list.partition_point(|e| e.index < c.index)];
        let group = (f.kind, f.unit.as_deref());
        let Some(key) = f.key.as_deref() else {
            return match self.group.get(&group) {
                Some(all) if keyless_kind(f.kind) => Cow::Borrowed(before(all)),
                _ => Cow::Borrowed(&[]),
            };
        };
        let lists: Vec<&[Compact]> = [self.key.get(&(f.kind, group.1, key))]
            .into_iter()
            .chain(keyless_kind(f.kind).then(|| self.keyless.get(&group)))
            .chain(
                linking_words(f)
                    .into_iter()
                    .map(|w| self.word.get(&(f.kind, group.1, w))),
            )
            .flatten()
            .map(before)
            .collect();
        match lists.as_slice() {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            [first, rest @ ..] => Cow::Owned(
                rest.iter()
                    .fold(first.to_vec(), |merged, list| merge_by_index(&merged, list)),
            ),
        }
    }
}

/// The union of two lists in text order, each figure once.
fn merge_by_index(a: &[Compact], b: &[Compact]) -> Vec<Compact> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (&a[i], &b[j]);
        out.push(if x.index <= y.index { *x } else { *y });
        i += usize::from(x.index <= y.index);
        j += usize::from(y.index <= x.index);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// What the pair tests read around each figure and sentence, computed once and only when a pair
/// gets that far.
struct Memo<'c, 'a> {
    ctx: &'c Context<'a>,
    years: Vec<OnceLock<Vec<&'a str>>>,
    sentence_words: Vec<OnceLock<FxHashSet<Cow<'a, str>>>>,
    figures: Vec<FigureMemo>,
    /// Each figure's [`significant_digits`].
    significant: Vec<String>,
    /// What the pair tests compare first, side by side in memory: most pairs stop there.
    compact: Vec<Compact>,
}

/// The few numbers of a figure that decide most pairs.
#[derive(Clone, Copy)]
struct Compact {
    /// The figure's index in the article's figures.
    index: u32,
    sentence: u32,
    interval: (f64, f64),
    slack: f64,
    factor: f64,
    step: f64,
    /// The digits as written.
    written: Packed,
    significant: Packed,
}

/// A digit string, four bits a digit when it has at most 16 and nothing else, so that two are
/// compared in a few instructions: [`Memo::typo_like`] runs on most pairs of a long article.
#[derive(Clone, Copy)]
struct Packed {
    len: usize,
    /// `None`: too long, or not only digits; the string is read instead.
    bits: Option<u64>,
}

impl Compact {
    fn index(&self) -> usize {
        self.index as usize
    }

    /// [`Figure::compatible`].
    fn compatible(&self, other: &Compact) -> bool {
        intervals_meet(self.interval, self.slack, other.interval, other.slack)
    }

    /// Do the two figures, in two sentences, state values that can both be true?
    fn agrees(&self, other: &Compact) -> bool {
        self.sentence != other.sentence && self.compatible(other)
    }
}

impl Packed {
    fn new(digits: &str) -> Self {
        let bits = (digits.len() <= 16 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.bytes().fold(0u64, |acc, b| acc << 4 | u64::from(b - b'0')));
        Packed {
            len: digits.len(),
            bits,
        }
    }
}

#[derive(Default)]
struct FigureMemo {
    near_years: OnceLock<Vec<String>>,
    names_near: OnceLock<Vec<String>>,
    contrast: OnceLock<Vec<String>>,
    content_far: OnceLock<FxHashSet<String>>,
    content_near: OnceLock<FxHashSet<String>>,
    ambiguous: OnceLock<bool>,
}

impl<'c, 'a> Memo<'c, 'a> {
    fn new(ctx: &'c Context<'a>) -> Self {
        let sentences = ctx.doc.sentences.len();
        let significant: Vec<String> = ctx.facts.figures.iter().map(significant_digits).collect();
        let compact = ctx
            .facts
            .figures
            .iter()
            .zip(&significant)
            .enumerate()
            .map(|(i, (f, significant))| Compact {
                // An article has fewer than 4 billion sentences and figures.
                index: u32::try_from(i).unwrap_or(u32::MAX),
                sentence: u32::try_from(f.sentence).unwrap_or(u32::MAX),
                interval: f.interval(),
                slack: f.slack(),
                factor: f.factor,
                step: f.step,
                written: Packed::new(&f.digits),
                significant: Packed::new(significant),
            })
            .collect();
        Memo {
            ctx,
            years: (0..sentences).map(|_| OnceLock::new()).collect(),
            sentence_words: (0..sentences).map(|_| OnceLock::new()).collect(),
            figures: (0..ctx.facts.figures.len()).map(|_| FigureMemo::default()).collect(),
            significant,
            compact,
        }
    }

    /// Do the numbers of figures `a` and `b` look like one figure mistyped: one digit changed,
    /// two swapped, or the same digits with the decimal point or the unit moved (0,1 µg/l and
    /// 1 g/l)?
    fn typo_like(&self, a: &Compact, b: &Compact) -> bool {
        if a.factor == b.factor && a.step == b.step {
            let (da, db) = (&self.figure(a.index()).digits, &self.figure(b.index()).digits);
            return one_off_packed(a.written, b.written, da, db);
        }
        let (sa, sb) = (&self.significant[a.index()], &self.significant[b.index()]);
        if sa.is_empty() {
            return false;
        }
        // "18 million" and "1.5 billion" are not one slip; "0,1 µg/l" and "1 g/l" (or "2 g/l") are.
        let same = match (a.significant.bits, b.significant.bits) {
            (Some(x), Some(y)) => a.significant.len == b.significant.len && x == y,
            _ => sa == sb,
        };
        same || (a.factor != b.factor && one_off_packed(a.significant, b.significant, sa, sb))
    }

    fn figure(&self, i: usize) -> &'a Figure {
        &self.ctx.facts.figures[i]
    }

    fn years(&self, sentence: usize) -> &[&'a str] {
        self.years[sentence].get_or_init(|| years(self.ctx, sentence))
    }

    /// The sentence's words, lowercase.
    fn sentence_words(&self, sentence: usize) -> &FxHashSet<Cow<'a, str>> {
        self.sentence_words[sentence].get_or_init(|| {
            let doc = self.ctx.doc;
            doc.sentence_words(sentence)
                .iter()
                .map(|w| lang::lowercase(doc.slice(w.span)))
                .collect()
        })
    }
}

fn comparable(f: &Figure) -> bool {
    !f.change
        && f.kind != Kind::Points
        && (f.key.is_some() || matches!(f.kind, Kind::Money | Kind::Percent | Kind::Duration))
}

fn same_thing(a: &Figure, b: &Figure) -> bool {
    let keyless =
        (a.key.is_none() || b.key.is_none()) && matches!(a.kind, Kind::Money | Kind::Percent | Kind::Duration);
    a.kind == b.kind
        && a.unit == b.unit
        && (a.key == b.key || keyless || (a.kind == Kind::Age && same_person(a, b)) || same_purse(a, b))
}

/// "a $1.2 trillion spending bill" and "a $1.2 trillion spending package": amounts whose
/// nouns share a word.
fn same_purse(a: &Figure, b: &Figure) -> bool {
    a.kind == Kind::Money && {
        let wb = purse_words(b);
        purse_words(a).iter().any(|w| wb.contains(w))
    }
}

/// "Pruitt" and "Dana Pruitt" name one person (the checks make sure the surname is not shared).
fn same_person(a: &Figure, b: &Figure) -> bool {
    let (ta, tb) = (person_words(a), person_words(b));
    !ta.is_empty() && !tb.is_empty() && (ta.iter().all(|t| tb.contains(t)) || tb.iter().all(|t| ta.contains(t)))
}

/// Is a short name ("Lee") shared by two different full names among the ages ("Han Lee", "James Lee")?
fn ambiguous(figures: &[Figure], f: &Figure) -> bool {
    let full: std::collections::HashSet<&str> = figures
        .iter()
        .filter(|g| g.kind == Kind::Age && same_person(g, f))
        .filter_map(|g| g.key.as_deref())
        .collect();
    let longest = full.iter().map(|k| k.split_whitespace().count()).max().unwrap_or(0);
    full.iter().filter(|k| k.split_whitespace().count() == longest).count() > 1
}

/// How sure we are that `a` and `b`, two comparable figures, state one quantity with two values,
/// if they do. `changed`: one of them is presented as a change over time.
fn conflict(memo: &Memo<'_, '_>, ca: &Compact, cb: &Compact, changed: bool) -> Option<Severity> {
    let (ai, bi) = (ca.index(), cb.index());
    let (a, b) = (memo.figure(ai), memo.figure(bi));
    // The cheap tests first, on the compact copies. Two values that cannot be one mistyped
    // figure are never reported, except ages: an age is tied to its person, and names and
    // qualifiers around it do not set it apart.
    let age = a.kind == Kind::Age;
    if ca.sentence == cb.sentence || ca.compatible(cb) || (!age && !memo.typo_like(ca, cb)) {
        return None;
    }
    if !same_thing(a, b) {
        return None;
    }
    let ctx = memo.ctx;
    let doc = ctx.doc;
    // The test that sets most pairs apart first (on the bench's 1 MB article, 28k pairs reach
    // it and 850 pass).
    if changed
        || (!age && different_names(memo, ai, bi))
        || different_years(memo, a.sentence, b.sentence)
        || dated_apart(memo, ai, bi)
        || (!age && contrasted(memo, ai, bi))
    {
        return None;
    }
    if a.kind == Kind::Age {
        let ambiguous = |i: usize| {
            *memo.figures[i]
                .ambiguous
                .get_or_init(|| ambiguous(&ctx.facts.figures, memo.figure(i)))
        };
        if ambiguous(ai) || ambiguous(bi) {
            return None;
        }
        // A birthday between two mentions is not a contradiction.
        return ((a.value - b.value).abs() > 1.0).then_some(Severity::Warning);
    }
    if a.key.is_none() || b.key.is_none() {
        // An amount or a share with no counted noun: only the same words around both tell
        // that they are one quantity ("the $250 million lawsuit" / "a $350 million lawsuit").
        let local = local_shared(memo, ai, bi);
        return (local >= 2).then_some(Severity::Information);
    }
    let blocks = doc.sentences[a.sentence]
        .block
        .abs_diff(doc.sentences[b.sentence].block);
    let shared = shared_words(memo, ai, bi);
    let modifiers_clash =
        !a.modifiers.is_empty() && !b.modifiers.is_empty() && !a.modifiers.iter().any(|m| b.modifiers.contains(m));
    if modifiers_clash {
        // "drones navals" and "drones aériens" may be two things: say so only when the context
        // is the same.
        return (shared >= 1 && blocks <= 2).then_some(Severity::Information);
    }
    let attribute = a.key.as_deref().is_some_and(|k| k.starts_with("of:"));
    // Two mentions of one quantity share their context ("for Harris", "en Crimée"); the value of a
    // named quantity ("la limite de") needs none when the two sit in neighbouring paragraphs.
    // A figure of three digits or more, one digit away from another of the same noun, is rarely
    // a coincidence: nearby, it needs no more context.
    let long = a.digits.len() >= 3 && b.digits.len() >= 3;
    if shared == 0 && !(attribute && blocks <= 1) {
        return (long && blocks <= 2).then_some(Severity::Information);
    }
    let mut score = 0;
    score += if a.modifiers == b.modifiers && !a.modifiers.is_empty() {
        2
    } else {
        1
    };
    score += shared.min(3);
    score += match blocks {
        0 => 2,
        1 => 1,
        _ => 0,
    };
    if attribute || a.key.as_deref().is_some_and(|k| k.starts_with("casualty:")) {
        score += 1;
    }
    // Small numbers are "one digit apart" by chance, and small groups are often contrasted.
    if a.kind == Kind::Count && a.value.max(b.value) < 10.0 {
        // "Two suspects were arrested; three remain at large": small groups need the same story
        // around them, not one shared word.
        if shared < 2 {
            return None;
        }
        score -= 2;
    }
    match score {
        s if s >= 3 => Some(Severity::Warning),
        2 => Some(Severity::Information),
        _ => None,
    }
}

/// The digits of a figure's value in base units, without leading or trailing zeros ("1.5
/// billion" and "1,500 million": "15").
fn significant_digits(f: &Figure) -> String {
    format!("{:.0}", (f.base() * 1e9).round())
        .trim_start_matches('0')
        .trim_end_matches('0')
        .to_owned()
}

/// [`one_off`] on packed digits, or on the strings `sa` and `sb` when they do not pack.
fn one_off_packed(a: Packed, b: Packed, sa: &str, sb: &str) -> bool {
    if a.len != b.len || a.len == 0 {
        return false;
    }
    let (Some(x), Some(y)) = (a.bits, b.bits) else {
        return one_off(sa, sb);
    };
    let d = x ^ y;
    // One bit per differing digit, the digit's lowest.
    let differ = (d | d >> 1 | d >> 2 | d >> 3) & 0x1111_1111_1111_1111;
    match differ.count_ones() {
        1 => true,
        2 => {
            let (i, j) = (differ.trailing_zeros(), 63 - differ.leading_zeros());
            let digit = |v: u64, at: u32| (v >> at) & 0xf;
            j - i == 4 && digit(x, i) == digit(y, j) && digit(x, j) == digit(y, i)
        }
        _ => false,
    }
}

/// Two digit strings of one length that differ in one digit or by two neighbours swapped.
fn one_off(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    let mut diffs = a
        .bytes()
        .zip(b.bytes())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i);
    match (diffs.next(), diffs.next(), diffs.next()) {
        (Some(_), None, None) => true,
        (Some(i), Some(j), None) => {
            j - i == 1 && a.as_bytes()[i] == b.as_bytes()[j] && a.as_bytes()[j] == b.as_bytes()[i]
        }
        _ => false,
    }
}

/// Do the words around a figure say it changed over time ("rose to", "désormais", "contre")?
fn changes(ctx: &Context<'_>, f: &Figure) -> bool {
    let doc = ctx.doc;
    let words = doc.sentence_words(f.sentence);
    let at = words.partition_point(|w| w.span.start < f.span.start);
    let end = words.partition_point(|w| w.span.start < f.span.end);
    // Change words come before a figure ("passé à 14") or right after it ("12, contre 10").
    let lo = at.saturating_sub(8);
    let hi = (end + 2).min(words.len());
    // The words lowercase, one space apart, none after an elision ("l'", "qu'"), and one space
    // at each end.
    let mut text = String::from(" ");
    for w in &words[lo..hi] {
        let word = doc.slice(w.span);
        if word.is_ascii() {
            text.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            text.push_str(&word.to_lowercase().replace('’', "'"));
        }
        if !text.ends_with('\'') {
            text.push(' ');
        }
    }
    if lo == hi || text.ends_with('\'') {
        text.push(' ');
    }
    lang::change_words(doc.lang).any_spaced_in(&text)
}

pub(super) fn years<'a>(ctx: &Context<'a>, sentence: usize) -> Vec<&'a str> {
    let doc = ctx.doc;
    doc.sentence_words(sentence)
        .iter()
        .map(|w| doc.slice(w.span))
        .filter(|w| {
            w.len() == 4 && w.starts_with(['1', '2']) && w.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y))
        })
        .collect()
}

/// Two sentences dated to different years speak of different periods.
fn different_years(memo: &Memo<'_, '_>, a: usize, b: usize) -> bool {
    let (ya, yb) = (memo.years(a), memo.years(b));
    !ya.is_empty() && !yb.is_empty() && !ya.iter().any(|y| yb.contains(y))
}

/// A year beside one figure ("2 130 voix en 2014") that the other does not share, and that is
/// not the article's own year: two periods.
fn dated_apart(memo: &Memo<'_, '_>, ai: usize, bi: usize) -> bool {
    use chrono::Datelike;
    let ctx = memo.ctx;
    let near = |i: usize| -> &[String] {
        memo.figures[i].near_years.get_or_init(|| {
            let f = memo.figure(i);
            // An age is dated only by a year right beside it ("in 2019, Dorval, 20, joined").
            let reach = if f.kind == Kind::Age { 3 } else { 8 };
            window(ctx, f, reach)
                .into_iter()
                .filter(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y)))
                .collect()
        })
    };
    let (ya, yb) = (near(ai), near(bi));
    let own = ctx.reference.map(|d| d.year().to_string());
    let foreign = |ys: &[String]| ys.iter().any(|y| Some(y) != own.as_ref());
    match (ya.is_empty(), yb.is_empty()) {
        (true, true) => false,
        (false, false) => !ya.iter().any(|y| yb.contains(y)),
        (false, true) => foreign(ya),
        (true, false) => foreign(yb),
    }
}

/// Capitalised names within a few words of a figure (not the sentence's first word).
fn names_near(ctx: &Context<'_>, f: &Figure) -> Vec<String> {
    let doc = ctx.doc;
    let words = doc.sentence_words(f.sentence);
    let Some(at) = words.iter().position(|w| w.span.start >= f.number.start) else {
        return Vec::new();
    };
    let stops = lang::phrase_stops(doc.lang);
    let lo = at.saturating_sub(8).max(1);
    let hi = (at + 9).min(words.len());
    words[lo.min(hi)..hi]
        .iter()
        .map(|w| doc.slice(w.span))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !stops.contains(w) && !lang::stopwords(doc.lang).contains(w))
        .collect()
}

/// Each figure sits beside a name the other's sentence never mentions: "40 engineers in Boston",
/// "90 engineers in Austin".
fn different_names(memo: &Memo<'_, '_>, ai: usize, bi: usize) -> bool {
    let names = |i: usize| -> &[String] {
        memo.figures[i]
            .names_near
            .get_or_init(|| names_near(memo.ctx, memo.figure(i)))
    };
    let sentence = |i: usize| memo.sentence_words(memo.figure(i).sentence);
    names(ai).iter().any(|n| !sentence(bi).contains(n.as_str()))
        && names(bi).iter().any(|n| !sentence(ai).contains(n.as_str()))
}

/// The lowercase words within `n` words of a figure, its own counted phrase left out.
fn window(ctx: &Context<'_>, f: &Figure, n: usize) -> Vec<String> {
    let doc = ctx.doc;
    let words = doc.sentence_words(f.sentence);
    let at = words.partition_point(|w| w.span.start < f.span.start);
    let end = words.partition_point(|w| w.span.start < f.span.end);
    let own: Vec<String> = f
        .counts
        .as_deref()
        .map(|c| c.split_whitespace().map(str::to_lowercase).collect())
        .unwrap_or_default();
    words[at.saturating_sub(n)..(end + n).min(words.len())]
        .iter()
        .filter(|w| !f.span.contains_span(w.span))
        .map(|w| doc.slice(w.span).to_lowercase())
        .filter(|w| !own.contains(w))
        .collect()
}

/// Content words both figures' sentences use, besides the counted phrase itself.
fn shared_words(memo: &Memo<'_, '_>, ai: usize, bi: usize) -> usize {
    let content = |i: usize| {
        memo.figures[i]
            .content_far
            .get_or_init(|| content(memo.ctx, memo.figure(i), 60))
    };
    content(ai).intersection(content(bi)).count()
}

/// Content words within a few words of both figures.
fn local_shared(memo: &Memo<'_, '_>, ai: usize, bi: usize) -> usize {
    let content = |i: usize| {
        memo.figures[i]
            .content_near
            .get_or_init(|| content(memo.ctx, memo.figure(i), 6))
    };
    content(ai).intersection(content(bi)).count()
}

/// Content words (four letters or more, no digits, not grammatical) within `reach` words of a
/// figure.
fn content(ctx: &Context<'_>, f: &Figure, reach: usize) -> FxHashSet<String> {
    let doc = ctx.doc;
    let stops = lang::phrase_stops(doc.lang);
    window(ctx, f, reach)
        .into_iter()
        .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_numeric()))
        .filter(|w| !stops.contains(w) && !lang::stopwords(doc.lang).contains(w))
        .filter(|w| crate::analysis::extract::figures::is_plain_word(w, doc.lang))
        .collect()
}

/// "the first round" and "the second round": qualifiers that set the two figures apart.
fn contrasted(memo: &Memo<'_, '_>, ai: usize, bi: usize) -> bool {
    let list = lang::contrast_words(memo.ctx.doc.lang);
    let q = |i: usize| -> &[String] {
        memo.figures[i].contrast.get_or_init(|| {
            window(memo.ctx, memo.figure(i), 5)
                .into_iter()
                .filter(|w| list.contains(w))
                .collect()
        })
    };
    let (qa, qb) = (q(ai), q(bi));
    qa.iter().any(|w| !qb.contains(w)) || qb.iter().any(|w| !qa.contains(w))
}

#[cfg(test)]
mod tests {
    use super::{Packed, one_off, one_off_packed};
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    proptest::proptest! {
        /// Packed digits give the strings' answer: a digit changed, two swapped, more edits, a
        /// decimal point, more than 16 digits.
        #[test]
        fn packed_one_off_is_the_strings_one_off(
            a in "[0-9]{0,20}|[0-9.]{1,6}",
            edits in proptest::collection::vec((0usize..20, 0u8..11), 0..3),
        ) {
            let mut b = a.clone().into_bytes();
            for (at, digit) in edits {
                if b.is_empty() {
                    break;
                }
                let at = at % b.len();
                match digit {
                    10 if at + 1 < b.len() => b.swap(at, at + 1),
                    10 => {}
                    _ => b[at] = b'0' + digit,
                }
            }
            let b = String::from_utf8(b).expect("ASCII");
            proptest::prop_assert_eq!(one_off_packed(Packed::new(&a), Packed::new(&b), &a, &b), one_off(&a, &b));
        }
    }

    #[test]
    fn english_toll_votes_and_ages() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"The storm left 27 people dead in the coastal towns of Marlow County.

Rescuers in Marlow County said the 29 people dead were trapped in their homes.
                                   ^^ figure.inconsistent
The council needs 218 council votes to pass the Marlow budget.

Mayor Dana Pruitt, 58, said the Marlow budget would get its 248 council votes.
                                                            ^^^ figure.inconsistent
That day Pruitt, 61, left the hall.
                 ^^ figure.inconsistent
"#,
        );
    }

    #[test]
    fn a_headline_toll_and_the_body() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"Quarry blast in Tellan kills 23

An explosion at a quarry in Tellan on Friday killed 28 workers, the mine operator said.
                                                    ^^ figure.inconsistent
"#,
        );
    }

    #[test]
    fn amounts_with_a_shared_noun_and_durations() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"Senate passes $1.2 trillion spending bill

The Senate passed a $2.2 trillion spending package on Friday.
                    ^^^^^^^^^^^^^ figure.inconsistent
Voters have 63 days left before the vote on the Tarn dam.

With 68 days left before the vote on the Tarn dam, both camps are campaigning.
     ^^^^^^^ figure.inconsistent
"#,
        );
    }

    #[test]
    fn french_toll_limit_and_age() {
        check_rule(
            "figure.inconsistent",
            Lang::Fr,
            None,
            r#"L'incendie de Vernay a fait 14 morts, selon la préfecture.

Les 14 morts de Vernay étaient des résidents de l'immeuble. Les pompiers comptent 17 morts à Vernay.
                                                                                  ^^ figure.inconsistent
La limite légale de 0,5 milligramme par litre a été dépassée dans trois puits.

La limite de 5 g/l fixée par l'agence concerne l'eau potable.
             ^^^^^ figure.inconsistent
Paul Lemaire, 34 ans, est gardien. Paul Lemaire, 43 ans, a donné l'alerte.
                                                 ^^^^^^ figure.inconsistent
"#,
        );
    }

    #[test]
    fn approximate_and_rounded_forms_are_compatible() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"About 300 homes were flooded in Pelham, officials said.

In Pelham, 312 homes were flooded, the survey found.

More than 300 homes were flooded in Pelham overall.

The Pelham works will cost 3.5 million dollars. The bill for Pelham came to 3,512,000 dollars.
"#,
        );
        check_rule(
            "figure.inconsistent",
            Lang::Fr,
            None,
            r#"Plus de 300 maisons ont été inondées à Brévac.

À Brévac, 312 maisons ont été inondées, selon la mairie. Environ 320 maisons inondées à Brévac.
"#,
        );
    }

    #[test]
    fn a_rising_toll_and_next_years_age_are_not_contradictions() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"The crash in Dorne killed 12 people on Monday.

By Tuesday the toll in Dorne had risen to 14 people killed.

Ella Marsh, 45, runs the Dorne clinic. Marsh, who turns 46 next year, plans to retire.
"#,
        );
        check_rule(
            "figure.inconsistent",
            Lang::Fr,
            None,
            r#"L'accident de Lusse a fait 12 morts lundi.

Le bilan de Lusse est passé à 14 morts mardi. Il compte désormais 15 morts à Lusse.

Marc Bellot, 45 ans, dirige la clinique. Marc Bellot aura 46 ans l'an prochain.
"#,
        );
    }

    #[test]
    fn different_things_with_the_same_noun_are_left_alone() {
        check_rule(
            "figure.inconsistent",
            Lang::Fr,
            None,
            r#"L'armée dit avoir abattu 33 drones au-dessus de la ville et 10 drones navals.

Le maire obtient 52 % des voix au premier tour à Sorgues. Il obtient 55 % des voix au second tour à Sorgues.

En 2021, 52 % des hôpitaux publics étaient en déficit. En 2022, 62 % des hôpitaux publics l'étaient.

Le groupe a vendu 1.154.700 unités, contre 1.133.478 unités il y a un an.
"#,
        );
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"The firm hired 40 engineers in Boston. It also hired 90 engineers in Austin.

They face up to 20 years in prison and three years of supervised release.

Two suspects were arrested in Hallow on Monday. Police in Hallow said three suspects remain at large.

Han Oster, 41, of Lyle; Jo Oster, 30, of Kent; and Al Oster, 68, of Troy were charged. Oster, 40, denied it.
"#,
        );
    }

    #[test]
    fn amounts_without_a_noun_need_the_same_words_around_them() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"The state is suing Varn Corp for $250 million in damages.

Varn Corp said the $350 million in damages the state is suing for was absurd.
                   ^^^^^^^^^^^^ figure.inconsistent
The yacht was valued at $18 million. The island was valued at $1.5 billion.
"#,
        );
    }

    #[test]
    fn hover_shows_value_unit_counts_and_other_mentions() {
        use crate::analysis::checks::test_support::run;
        let text = "Le feu a fait 14 morts à Vernay.\n\nLes 14 morts de Vernay ont été identifiés.\n";
        let a = run(text, Lang::Fr, None);
        let at = text.find("14").expect("a figure");
        let h = crate::analysis::hover::hover(&a, at).expect("a hover");
        assert!(h.markdown.contains("**14**"), "{}", h.markdown);
        assert!(
            h.markdown.contains("compte : morts") || h.markdown.contains("compte: morts"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("ligne 3"), "{}", h.markdown);
        let text = "About 3.5 million people voted, or 48.2% of the electorate.";
        let a = run(text, Lang::En, None);
        let h = crate::analysis::hover::hover(&a, text.find("48").expect("a share")).expect("a hover");
        assert!(h.markdown.contains("**48.2 %**"), "{}", h.markdown);
        let h = crate::analysis::hover::hover(&a, text.find("3.5").expect("a count")).expect("a hover");
        assert!(h.markdown.contains("**about 3500000**"), "{}", h.markdown);
    }

    #[test]
    fn currency_conversions_use_one_rate() {
        check_rule(
            "figure.inconsistent",
            Lang::Fr,
            None,
            r#"Le groupe a vendu pour 8,4 milliards de dollars (7,7 milliards d'euros) au printemps.

Son rival affiche 3,2 milliards de dollars (3,3 milliards d'euros) de ventes.
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ figure.inconsistent
Le troisième annonce 1,5 milliard de dollars (1,4 milliard d'euros).
"#,
        );
    }
}
