//! Figures: numbers with what they count.
//!
//! One pass over each sentence's tokens reads digits (with the article language's separators) and
//! spelled-out numbers, then looks around each number for a scale ("3,5 milliards"), a unit or
//! currency, a range ("65 à 70 %"), an approximation ("plus de"), a change ("+4 %", "de 800 à
//! 750"), and what it counts: the noun phrase after it ("33 drones aériens"), or the thing it is
//! the value of ("la limite légale de 0,1 µg/l"), or for an age the person. Numbers that are part
//! of a date, a time, a year, an ordinal, a phone number or a reference ("article 12") are not
//! figures.

mod counts;
mod number;

use std::ops::Range;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;
use regex_automata::{Anchored, Input, meta};

use crate::analysis::document::Document;
use crate::config::Config;
use crate::lang::{self, Lang, WordList};
use crate::text::Span;

use super::Entity;

/// How exact a figure claims to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// about, environ, quelque: within ±10 %.
    About,
    /// nearly, près de: a little under.
    Nearly,
    /// more than, plus de, at least: the value or more.
    Over,
    /// less than, moins de, up to: the value or less.
    Under,
}

/// What sort of quantity a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A number of things ("33 drones").
    Count,
    Percent,
    /// Percentage points, index points.
    Points,
    Money,
    /// A length, a mass, a concentration, an area.
    Measure,
    Duration,
    /// A person's age.
    Age,
}

/// One number the article states.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub value: f64,
    /// The upper bound of a range ("65 à 70 %").
    pub max: Option<f64>,
    /// `%`, `EUR`, `USD`, `years`…
    pub unit: Option<String>,
    /// about, more than, environ, plus de…
    pub approx: bool,
    /// What is counted (the noun phrase; for an age, the person).
    pub counts: Option<String>,
    pub bound: Bound,
    pub kind: Kind,
    /// Multiplies `value` into the unit's base (µg/l -> g/l), to compare two units of one kind.
    pub factor: f64,
    /// The rounding step of the written form, in `value`'s unit ("3.5 million": 100 000).
    pub step: f64,
    /// What it counts, normalised for comparison: the head noun (singular, lowercase), a casualty
    /// class (`dead`), or for an age the person's name.
    pub key: Option<String>,
    /// The words around the head in the counted phrase ("aérien" in "drones aériens").
    pub modifiers: Vec<String>,
    /// The digits as written, separators removed (spelled numbers: the value's digits).
    pub digits: String,
    /// Written in words ("vingt-trois").
    pub spelled: bool,
    /// A change rather than a level: "+4 %", "en hausse de 3 %", "de 800 à 750".
    pub change: bool,
    /// The span of the number itself (without unit or approximation words).
    pub number: Span,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
}

impl Figure {
    /// The value (or upper bound) in the unit's base.
    pub fn base(&self) -> f64 {
        self.value * self.factor
    }

    /// The interval of values this statement allows, in the unit's base.
    pub fn interval(&self) -> (f64, f64) {
        let lo = self.value * self.factor;
        let hi = self.max.unwrap_or(self.value) * self.factor;
        let step = self.step * self.factor;
        match self.bound {
            // Just under half a step each side: 6 and 7 do not meet.
            Bound::Exact => (lo - step * 0.49, hi + step * 0.49),
            Bound::About => (lo * 0.9 - step, hi * 1.1 + step),
            Bound::Nearly => (lo * 0.85 - step, hi + step / 2.0),
            Bound::Over => (lo - step / 2.0, f64::INFINITY),
            Bound::Under => (f64::NEG_INFINITY, hi + step / 2.0),
        }
    }

    /// Do two figures state the same counted thing (the same noun, person or named quantity, in
    /// the same kind of unit)? Their values may still differ.
    pub fn same_quantity(&self, other: &Figure) -> bool {
        self.key.is_some() && self.key == other.key && self.kind == other.kind && self.unit == other.unit
    }

    /// Can both statements be true of one quantity ("about 300" and "312", "3.5 million" and
    /// "3,512,000", "plus de 300" and "312")?
    pub fn compatible(&self, other: &Figure) -> bool {
        intervals_meet(self.interval(), self.slack(), other.interval(), other.slack())
    }

    /// How far a rounded form may be from what it rounds, in base units.
    pub fn slack(&self) -> f64 {
        if self.step > 1.0 {
            self.step * self.factor / 2.0
        } else {
            0.0
        }
    }
}

/// [`Figure::compatible`] on two figures' [`Figure::interval`] and [`Figure::slack`]: a rounded
/// form covers what it rounds, in either direction of rounding.
pub fn intervals_meet((a0, a1): (f64, f64), slack_a: f64, (b0, b1): (f64, f64), slack_b: f64) -> bool {
    let s = slack_a.max(slack_b);
    a0 <= b1 + s && b0 <= a1 + s
}

/// Finds the article's figures.
pub fn extract(doc: &Document, _config: &Config, entities: &[Entity]) -> Vec<Figure> {
    // Sentences are read side by side; collecting keeps them in text order.
    doc.sentences
        .par_iter()
        .enumerate()
        .flat_map_iter(|(si, sentence)| {
            let mut out = Vec::new();
            Sentence::new(doc, si, sentence.span, entities).run(&mut out);
            out
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Word,
    Num,
    Sym,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    span: Span,
    kind: T,
}

/// A token: an elided article or conjunction ("l'", "qu’"), a word, one digit, or one symbol.
///
/// The elision has no `\b` in front: a Unicode word boundary sends every search to the slow
/// engines, from the search's start to the end of the sentence. [`next_token`] checks the
/// boundary itself.
static TOKEN: LazyLock<meta::Regex> = LazyLock::new(|| {
    meta::Regex::new(r"(?i:(?:jusqu|lorsqu|puisqu|qu|[ldjmnstc])['’])|[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*|[0-9]|[^\s\p{L}\p{M}0-9]").expect("valid regex")
});
/// [`TOKEN`] without the elision, for an elision glued to a word character on its left.
static TOKEN_NO_ELISION: LazyLock<meta::Regex> = LazyLock::new(|| {
    meta::Regex::new(r"[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*|[0-9]|[^\s\p{L}\p{M}0-9]").expect("valid regex")
});

/// The next token of `prose` at or after `at`.
fn next_token(prose: &str, at: usize) -> Option<Range<usize>> {
    let m = find_token(&TOKEN, prose, at)?;
    let elision = prose[m.clone()].starts_with(char::is_alphabetic) && prose[m.clone()].ends_with(['\'', '’']);
    if elision
        && prose[..m.start]
            .chars()
            .next_back()
            .is_some_and(regex_syntax::is_word_character)
    {
        return find_token(&TOKEN_NO_ELISION, prose, m.start);
    }
    Some(m)
}

/// The first match of a token pattern at or after `at`. Every character but a space starts a
/// token, so after the ASCII spaces the match starts right there: an anchored search finds it
/// without the backward pass an unanchored one makes to find where a match starts.
fn find_token(token: &meta::Regex, prose: &str, at: usize) -> Option<Range<usize>> {
    let start = at
        + prose.as_bytes()[at..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
            .count();
    let input = Input::new(prose).range(start..);
    let input = match prose.as_bytes().get(start) {
        Some(b) if b.is_ascii() => input.anchored(Anchored::Yes),
        _ => input,
    };
    token.find(input).map(|m| m.range())
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:0\d(?:[ .\u{a0}]\d\d){4}|\d{3}[-.]\d{3}[-.]\d{4}|\d{3}\)\s?\d{3}-\d{4})").expect("valid regex")
});

/// A figure under construction.
struct Draft {
    first: usize,
    /// Token index just past the number (and its unit).
    next: usize,
    value: f64,
    max: Option<f64>,
    unit: Option<String>,
    factor: f64,
    step: f64,
    kind: Kind,
    digits: String,
    spelled: bool,
    approx_word: bool,
    change: bool,
    number: Span,
    end: usize,
    /// The scale word's factor ("million": 1e6), 1 without one.
    scale: f64,
}

struct Sentence<'a> {
    doc: &'a Document,
    lang: Lang,
    si: usize,
    toks: Vec<Tok>,
    reads: Vec<Option<number::Read>>,
    /// Every token lowercased (’ read as '), end to end; token `i` ends at `lower_ends[i]`.
    lowered: String,
    lower_ends: Vec<usize>,
    entities: &'a [Entity],
}

/// Looks a phrase up in a `phrase = value` list.
fn lookup<'l>(list: &'l WordList, phrase: &str) -> Option<&'l str> {
    list.value(phrase)
}

/// Lowercase, singular: the form two mentions of one noun share.
fn normalise(word: &str) -> String {
    let w = word.to_lowercase().replace('’', "'");
    let n = w.chars().count();
    if n > 3 && (w.ends_with('s') || w.ends_with('x')) && !w.ends_with("ss") {
        w[..w.len() - 1].to_owned()
    } else {
        w
    }
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Sentence<'a> {
    fn new(doc: &'a Document, si: usize, span: Span, entities: &'a [Entity]) -> Sentence<'a> {
        let prose = doc.prose(span);
        let lang = doc.lang;
        let mut toks = Vec::new();
        let mut reads = Vec::new();
        let mut at = 0;
        while let Some(m) = next_token(prose, at) {
            let start = m.start;
            if prose.as_bytes()[start].is_ascii_digit()
                && let Some(r) = number::read_digits(prose, start, lang)
            {
                toks.push(Tok {
                    span: Span::new(span.start + start, span.start + r.end),
                    kind: T::Num,
                });
                at = r.end;
                reads.push(Some(r));
                continue;
            }
            let kind = if prose[m.clone()].chars().next().is_some_and(|c| c.is_alphabetic()) {
                T::Word
            } else {
                T::Sym
            };
            toks.push(Tok {
                span: Span::new(span.start + start, span.start + m.end),
                kind,
            });
            reads.push(None);
            at = m.end;
        }
        let mut lowered = String::with_capacity(prose.len());
        let mut lower_ends = Vec::with_capacity(toks.len());
        for t in &toks {
            for c in doc.prose(t.span).chars().flat_map(char::to_lowercase) {
                lowered.push(if c == '’' { '\'' } else { c });
            }
            lower_ends.push(lowered.len());
        }
        Sentence {
            doc,
            lang,
            si,
            toks,
            reads,
            lowered,
            lower_ends,
            entities,
        }
    }

    fn text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.doc.prose(t.span))
    }

    /// Token `i` lowercased, ’ read as ' ("" past the end).
    fn lower(&self, i: usize) -> &str {
        match self.lower_ends.get(i) {
            Some(&end) => &self.lowered[if i == 0 { 0 } else { self.lower_ends[i - 1] }..end],
            None => "",
        }
    }

    fn is(&self, i: usize, kind: T) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == kind)
    }

    fn sym(&self, i: usize, chars: &str) -> bool {
        self.is(i, T::Sym) && self.text(i).chars().next().is_some_and(|c| chars.contains(c))
    }

    /// Do tokens `i` and `i + 1` touch (no space between)?
    fn touching(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// The gap between tokens `i` and `i + 1` is only spaces (no line break).
    fn spaced(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => {
                let gap = &self.doc.markup.prose[a.span.end..b.span.start];
                !gap.contains('\n')
            }
            _ => false,
        }
    }

    fn in_list(&self, i: usize, list: &WordList) -> bool {
        if !self.is(i, T::Word) {
            return false;
        }
        let w = self.lower(i);
        list.contains(w) || (self.sym(i + 1, ".") && self.touching(i) && list.contains(&format!("{w}.")))
    }

    /// The longest entry of a `phrase = value` list starting at token `i` (up to four words).
    fn phrase_at(&self, i: usize, list: &WordList) -> Option<(usize, String)> {
        let mut phrase = String::new();
        let mut found = None;
        for k in i..(i + 4).min(self.toks.len()) {
            if k > i && !self.touching(k - 1) {
                phrase.push(' ');
            }
            phrase.push_str(self.lower(k));
            if !list.key_starts_with(&phrase) {
                break;
            }
            if let Some(v) = lookup(list, &phrase) {
                found = Some((k + 1, v));
            }
        }
        found.map(|(next, v)| (next, v.to_owned()))
    }

    /// The longest entry of a `phrase = value` list ending just before token `end`.
    fn phrase_before(&self, end: usize, list: &WordList) -> Option<(usize, String)> {
        let mut phrase = String::new();
        let mut found = None;
        for start in (end.saturating_sub(4)..end).rev() {
            let mut piece = self.lower(start).to_owned();
            if start + 1 < end && !self.touching(start) {
                piece.push(' ');
            }
            phrase.insert_str(0, &piece);
            if !list.key_ends_with(&phrase) {
                break;
            }
            if let Some(v) = lookup(list, &phrase) {
                found = Some((start, v));
            }
        }
        found.map(|(start, v)| (start, v.to_owned()))
    }

    fn run(&mut self, out: &mut Vec<Figure>) {
        let mut i = 0;
        while i < self.toks.len() {
            let draft = match self.toks[i].kind {
                T::Num => self.digits_at(i),
                T::Word => self.words_at(i),
                T::Sym => None,
            };
            match draft {
                Some(Err(skip)) => i = skip.max(i + 1),
                Some(Ok(d)) => {
                    let (more, next) = self.finish(d);
                    out.extend(more);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
    }

    /// A figure written in digits at token `i`; `Err(next)` skips a non-figure.
    fn digits_at(&self, i: usize) -> Option<Result<Draft, usize>> {
        self.digits_inner(i, false)
    }

    fn digits_inner(&self, i: usize, after_dash: bool) -> Option<Result<Draft, usize>> {
        let r = self.reads[i].clone()?;
        let lang = self.lang;
        let skip = |n: usize| Some(Err(n));
        // Attached to letters or to another number on the left: G7, mer-2024, 26/06, 10:30, 3.2.1.
        if i > 0 && self.touching(i - 1) && !after_dash {
            if self.is(i - 1, T::Word) || self.is(i - 1, T::Num) {
                return skip(i + 1);
            }
            if self.sym(i - 1, "-/:._#°") && i > 1 && self.touching(i - 2) && !self.is(i - 2, T::Sym) {
                return skip(i + 1);
            }
        }
        // Phone numbers.
        let rest = &self.doc.markup.prose[self.toks[i].span.start..self.doc.sentences[self.si].span.end];
        if (rest.starts_with('0') || r.digits.len() > 2) && PHONE.is_match(rest) {
            let mut j = i + 1;
            while j < self.toks.len() && (self.is(j, T::Num) || self.sym(j, "-.()")) && self.spaced(j - 1) {
                j += 1;
            }
            return skip(j);
        }
        // Times: 7h07, 10:30, 8 h 30.
        if self.touching(i) && (self.sym(i + 1, ":") && self.is(i + 2, T::Num)) {
            return skip(i + 3);
        }
        if self.is(i + 1, T::Word) && matches!(self.lower(i + 1), "h" | "h." | "hrs") {
            return skip(i + 2 + usize::from(self.is(i + 2, T::Num)));
        }
        // Fractions and dates: 24/7, 26/06/2017.
        if self.touching(i) && self.sym(i + 1, "/") && self.is(i + 2, T::Num) {
            return skip(i + 3);
        }
        // References and dates: "article 12", "Nov. 18", "26 juin", "10 a.m.".
        let before = if i > 0 && self.sym(i - 1, ".") && i > 1 {
            i - 2
        } else {
            i.wrapping_sub(1)
        };
        // ("mercredi 12 ans de prison" is a figure after a weekday: a unit follows.)
        let unit_follows = self.phrase_at(i + 1, lang::figure_units(lang)).is_some() && !self.touching(i);
        if i > 0 && self.in_list(before, lang::figure_skip_before(lang)) && !unit_follows {
            return skip(i + 1);
        }
        if self.in_list(i + 1, lang::figure_skip_after(lang)) {
            return skip(i + 2);
        }
        // Names with numbers: CAC 40, G 7.
        if i > 0 && self.is(i - 1, T::Word) {
            let w = self.text(i - 1);
            if w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()) {
                return skip(i + 1);
            }
        }
        let mut d = Draft {
            first: i,
            next: i + 1,
            value: r.value,
            max: None,
            unit: None,
            factor: 1.0,
            step: 10f64.powi(-(r.decimals as i32)),
            kind: Kind::Count,
            digits: r.digits.clone(),
            spelled: false,
            approx_word: false,
            change: false,
            number: self.toks[i].span,
            end: self.toks[i].span.end,
            scale: 1.0,
        };
        // Letters glued on the right: 4bn, 20km, 1g/l, 7e, 1970s, 3D.
        if self.touching(i) && self.is(i + 1, T::Word) {
            if self.scale_at(&mut d, i + 1, true).is_some() {
                if d.unit.is_none() {
                    let next = d.next;
                    self.unit_at(&mut d, next);
                }
            } else if self.unit_at(&mut d, i + 1).is_none() {
                return skip(i + 2);
            }
        } else {
            self.scale_at(&mut d, i + 1, false);
            if d.unit.is_none() {
                let next = d.next;
                self.unit_at(&mut d, next);
            }
        }
        // Years, standing alone.
        let is_year = r.separator.is_none()
            && r.decimals == 0
            && r.digits.len() == 4
            && (1900.0..2100.0).contains(&r.value)
            && d.unit.is_none()
            && d.step == 1.0;
        if is_year && !self.currency_before(i) {
            return skip(i + 1);
        }
        Some(Ok(d))
    }

    /// A spelled-out number starting at word `i`.
    fn words_at(&self, i: usize) -> Option<Result<Draft, usize>> {
        let lang = self.lang;
        let mut parts: Vec<(f64, String)> = Vec::new();
        let mut approx_word = false;
        let mut j = i;
        let mut last_end = self.toks[i].span.end;
        while j < self.toks.len() && self.is(j, T::Word) {
            if j > i && !self.spaced(j - 1) {
                break;
            }
            let w = self.lower(j);
            // "vingt et un", "one hundred and five".
            if j > i && matches!(w, "et" | "and") && self.is(j + 1, T::Word) {
                let next = self.lower(j + 1);
                let ok = match lang {
                    Lang::Fr => matches!(next, "un" | "une" | "onze"),
                    Lang::En => parts.last().is_some_and(|p| p.0 >= 100.0),
                };
                if ok {
                    j += 1;
                    continue;
                }
                break;
            }
            let mut vals = Vec::new();
            for piece in w.split('-') {
                match number::word_value(piece, lang) {
                    Some((v, a)) => {
                        vals.push((v, piece.to_owned()));
                        approx_word |= a;
                    }
                    None => {
                        vals.clear();
                        break;
                    }
                }
            }
            // English "a dozen", "a hundred".
            if vals.is_empty() && j == i && lang == Lang::En && matches!(w, "a" | "an") {
                let next = self.lower(j + 1);
                if matches!(next, "hundred" | "thousand" | "million" | "billion" | "dozen") {
                    vals.push((1.0, "one".to_owned()));
                }
            }
            if vals.is_empty() {
                break;
            }
            parts.extend(vals);
            last_end = self.toks[j].span.end;
            j += 1;
        }
        if parts.is_empty() {
            return None;
        }
        let words: Vec<(f64, &str)> = parts.iter().map(|(v, w)| (*v, w.as_str())).collect();
        let Some(value) = number::combine(&words) else {
            return Some(Err(j));
        };
        // Lone articles and pronouns: "un", "une", "one", "a".
        let first = parts[0].1.as_str();
        if parts.len() == 1 && matches!(first, "un" | "une" | "one" | "zero" | "zéro") {
            return Some(Err(j));
        }
        // "des millions", "millions of": no number.
        if parts.iter().all(|p| p.0 >= 1e6) && !self.lower(i).starts_with("un") {
            return Some(Err(j));
        }
        // French "neuf" is also "new": a number only before a plural noun.
        if lang == Lang::Fr && parts.len() == 1 && first == "neuf" {
            let next = self.lower(j);
            if !(next.ends_with('s') || next.ends_with('x')) {
                return Some(Err(j));
            }
        }
        // "cent" in "pour cent" is a unit.
        if lang == Lang::Fr && i > 0 && self.lower(i - 1) == "pour" && first.starts_with("cent") {
            return Some(Err(j));
        }
        // Dates and references spelled out are rare; a day before a month still is one.
        if self.in_list(j, lang::figure_skip_after(lang)) {
            return Some(Err(j + 1));
        }
        if i > 0 && self.in_list(i - 1, lang::figure_skip_before(lang)) {
            return Some(Err(j));
        }
        // An ordinal-like use: "one of", "l'un des".
        if parts.len() == 1 && matches!(self.lower(j), "of" | "des" | "d'entre") && value < 2.0 {
            return Some(Err(j));
        }
        let mut d = Draft {
            first: i,
            next: j,
            value,
            max: None,
            unit: None,
            factor: 1.0,
            step: 1.0,
            kind: Kind::Count,
            digits: format!("{value}"),
            spelled: true,
            approx_word,
            change: false,
            number: Span::new(self.toks[i].span.start, last_end),
            end: last_end,
            scale: 1.0,
        };
        // "deux tiers", "three quarters": a share.
        if let Some(den) = self
            .is(j, T::Word)
            .then(|| number::denominator(self.text(j), lang))
            .flatten()
            && value < den
        {
            d.value = (value / den * 1000.0).round() / 10.0;
            d.kind = Kind::Percent;
            d.unit = Some("%".to_owned());
            d.approx_word = true;
            d.step = 1.0;
            d.next = j + 1;
            d.end = self.toks[j].span.end;
            return Some(Ok(d));
        }
        // "une centaine de", "a dozen" are followed by "de"/"of" before the noun: handled in counts.
        self.unit_at(&mut d, j);
        Some(Ok(d))
    }

    /// Is there a currency symbol just before token `i` ("$4bn", "€ 12")?
    fn currency_before(&self, i: usize) -> bool {
        i > 0 && self.sym(i - 1, "$€£¥") && self.spaced(i - 1)
    }

    /// A scale word at token `k` ("million", "bn", "Md"): multiplies the draft.
    fn scale_at(&self, d: &mut Draft, k: usize, glued: bool) -> Option<()> {
        if !self.is(k, T::Word) || (!glued && !self.spaced(k - 1)) {
            return None;
        }
        let w = self.lower(k);
        let v = lookup(lang::number_scales(self.lang), w)?;
        let mut parts = v.split_whitespace();
        let factor: f64 = parts.next()?.parse().ok()?;
        let money_only = parts.next() == Some("money");
        let money_after = self.sym(k + 1, "$€£") && self.touching(k);
        if money_only && !(self.currency_before(d.first) || money_after) {
            return None;
        }
        d.step *= factor;
        d.value *= factor;
        d.scale = factor;
        d.next = k + 1;
        d.end = self.toks[k].span.end;
        if money_after {
            self.unit_at(d, k + 1);
        }
        Some(())
    }

    /// A unit or currency at token `k` (or a currency symbol before the number).
    fn unit_at(&self, d: &mut Draft, k: usize) -> Option<()> {
        let lang = self.lang;
        let units = lang::figure_units(lang);
        let mut at = k;
        // "3 millions de personnes" / "2 milliards d'euros" / "3 million of": skip "de" before a currency.
        let after_scale = d.step > 1.0 && !d.spelled;
        if (after_scale || d.spelled)
            && matches!(self.lower(at), "de" | "d'" | "of")
            && self.phrase_at(at + 1, units).is_some_and(|(_, v)| is_currency(&v))
        {
            at += 1;
        }
        let mut found = self.phrase_at(at, units);
        let elided = self.lower(at);
        if found.is_none()
            && (after_scale || d.spelled)
            && let Some(rest) = elided.strip_prefix("d'")
            && let Some(v) = lookup(units, rest)
            && is_currency(v)
        {
            found = Some((at + 1, v.to_owned()));
        }
        let (end, value) = match found {
            Some(f) if at == k || is_currency(&f.1) => f,
            _ => {
                if self.currency_before(d.first) {
                    let sym = self.text(d.first - 1);
                    let code = lookup(units, sym).unwrap_or("usd 1").to_owned();
                    self.apply_unit(d, &code, None);
                    return Some(());
                }
                return None;
            }
        };
        // A unit word must sit right after the number (a space or nothing between).
        if !self.spaced(k - 1) {
            return None;
        }
        // "points" after a percentage context only; "m" alone only glued or spaced.
        let mut code = value.clone();
        if code.starts_with("usd") {
            // Taiwan dollars, dollars de Taïwan, dollars canadiens: another currency.
            let qualified = match lang {
                Lang::En => d.first > 0 && self.is(d.first - 1, T::Word) && is_capitalised(self.text(d.first - 1)),
                Lang::Fr => {
                    (self.lower(end) == "de" && is_capitalised(self.text(end + 1)))
                        || (self.is(end, T::Word)
                            && self.lower(end).ends_with('s')
                            && !lang::phrase_stops(lang).contains(self.lower(end))
                            && !self.lower(end).starts_with("améric"))
                }
            };
            if qualified {
                code = "dollar-other 1".to_owned();
            }
        }
        self.apply_unit(d, &code, Some(end));
        Some(())
    }

    fn apply_unit(&self, d: &mut Draft, code: &str, end: Option<usize>) {
        let mut parts = code.split_whitespace();
        let unit = parts.next().unwrap_or("").to_owned();
        let factor: f64 = parts.next().and_then(|f| f.parse().ok()).unwrap_or(1.0);
        d.kind = match unit.as_str() {
            "%" => Kind::Percent,
            "pp" | "points" => Kind::Points,
            "years" | "months" | "weeks" | "days" | "hours" | "minutes" => Kind::Duration,
            u if is_currency(u) => Kind::Money,
            _ => Kind::Measure,
        };
        d.factor = factor;
        d.unit = Some(match unit.as_str() {
            "dollar-other" => "dollars".to_owned(),
            u if is_currency(u) => u.to_uppercase(),
            _ => unit,
        });
        if let Some(end) = end {
            d.next = end;
            d.end = self.toks[end - 1].span.end;
        }
    }

    /// Completes a draft: ranges, approximation, change, age, what it counts.
    fn finish(&self, mut d: Draft) -> (Vec<Figure>, usize) {
        let mut out = Vec::new();
        let mut change = d.change;
        // Ranges and changes: "65 à 70 %", "10-12", "between 10 and 12", "de 800 à 750".
        let before = self
            .start_of(&d)
            .checked_sub(1)
            .map(|k| self.lower(k))
            .unwrap_or_default();
        let from = matches!(before, "de" | "from" | "d'");
        let between = matches!(before, "between" | "entre");
        let k = d.next;
        let connector = self.lower(k);
        let dash = self.sym(k, "-–—") && self.touching(k.wrapping_sub(1)) && self.touching(k);
        let word_conn = match connector {
            "à" | "to" => true,
            "and" | "et" => between,
            "or" | "ou" => true,
            _ => false,
        };
        // "$5 to $10 million": a currency symbol may repeat before the second number.
        let n = if self.sym(k + 1, "$€£¥") && self.touching(k + 1) {
            k + 2
        } else {
            k + 1
        };
        if dash && self.is(n, T::Num) {
            // A score (3-1, 2-0) or a code reads downwards: not a figure.
            let second = self.reads[n].as_ref().map_or(0.0, |r| r.value);
            if second <= d.value || self.sym(k + 2, "-") {
                return (out, k + 2);
            }
        }
        if (dash || word_conn) && (self.is(n, T::Num) || (word_conn && self.is(n, T::Word))) {
            let second = match self.toks[n].kind {
                T::Num => self.digits_inner(n, dash),
                _ => self.words_at(n),
            };
            // "$5 to $10 million": the scale of the second applies to the first; but "5,9 % à
            // 6,7 milliards" (a scale on one side, another unit on the other) is not one range.
            let second = second.filter(|e| match e {
                Ok(e) => {
                    let same_unit = e.unit.is_none() || d.unit.is_none() || e.unit == d.unit;
                    same_unit && (e.scale == d.scale || (d.scale == 1.0 && !d.spelled && d.value * e.scale <= e.value))
                }
                Err(_) => true,
            });
            if let Some(Ok(e)) = &second
                && d.scale == 1.0
                && e.scale > 1.0
            {
                d.value *= e.scale;
                d.step *= e.scale;
                d.scale = e.scale;
            }
            if let Some(Ok(mut e)) = second {
                if e.unit.is_none() {
                    e.unit = d.unit.clone();
                    e.kind = d.kind;
                    e.factor = d.factor;
                }
                let same_unit = d.unit.is_none() || d.unit == e.unit;
                if dash && e.value <= d.value {
                    // A score (3-1) or a code: not a figure.
                    return (out, k);
                }
                if same_unit {
                    let changing = e.value < d.value || {
                        let at = self.start_of(&d);
                        (at.saturating_sub(4)..at).any(|j| self.in_list(j, lang::change_words(self.lang)))
                    };
                    if from && changing && (connector == "à" || connector == "to") {
                        // "de 800 000 à 750 000": two levels of a change.
                        d.change = true;
                        e.change = true;
                        let next = e.next;
                        let first = self.build(d, false);
                        let second = self.build(e, false);
                        out.extend(first);
                        out.extend(second);
                        return (out, next);
                    }
                    if e.value > d.value {
                        d.max = Some(e.value);
                        if d.unit.is_none() {
                            d.unit = e.unit.clone();
                            d.kind = e.kind;
                            d.factor = e.factor;
                        }
                        d.end = e.end;
                        d.next = e.next;
                        d.step = d.step.max(e.step);
                        if connector == "or" || connector == "ou" {
                            d.approx_word = true;
                        }
                    }
                }
            }
        }
        change |= d.change;
        d.change = change;
        let next = d.next;
        out.extend(self.build(d, true));
        (out, next)
    }

    /// The first token of a draft including a currency symbol before it.
    fn start_of(&self, d: &Draft) -> usize {
        if self.currency_before(d.first) {
            d.first - 1
        } else {
            d.first
        }
    }

    fn build(&self, d: Draft, look_around: bool) -> Option<Figure> {
        let lang = self.lang;
        let start_tok = self.start_of(&d);
        let mut start = self.toks[start_tok].span.start;
        // A sign glued before: a change.
        let mut change = d.change;
        if start_tok > 0 && self.sym(start_tok - 1, "+−") && self.touching(start_tok - 1) {
            change = true;
            start = self.toks[start_tok - 1].span.start;
        }
        if start_tok > 0
            && self.sym(start_tok - 1, "-")
            && self.touching(start_tok - 1)
            && !(start_tok > 1 && self.touching(start_tok - 2))
        {
            change = true;
        }
        // Approximation words before.
        let mut bound = if d.approx_word { Bound::About } else { Bound::Exact };
        let mut before = start_tok;
        if let Some((at, b)) = self.phrase_before(start_tok, lang::approx_words(lang)) {
            bound = match b.as_str() {
                "over" => Bound::Over,
                "under" => Bound::Under,
                "nearly" => Bound::Nearly,
                _ => Bound::About,
            };
            before = at;
            start = self.toks[at].span.start;
        }
        if d.max.is_some() && d.approx_word && bound == Bound::Exact {
            bound = Bound::About;
        }
        // A change: "en hausse de 3 %", "up 5 %", "a cédé 1,6 %".
        if look_around {
            let changes = lang::change_words(lang);
            let mut k = before;
            let mut n = 0;
            while k > 0 && n < 2 {
                k -= 1;
                n += 1;
                if self.in_list(k, changes)
                    || matches!(self.lower(k), "up" | "down" | "hausse" | "baisse" | "recul" | "repli")
                {
                    change = true;
                }
                if !matches!(self.lower(k), "de" | "by" | "of" | "d'" | "à" | "to") {
                    break;
                }
            }
        }
        let mut f = Figure {
            span: Span::new(start, d.end),
            value: d.value,
            max: d.max,
            unit: d.unit.clone(),
            approx: bound != Bound::Exact,
            counts: None,
            bound,
            kind: d.kind,
            factor: d.factor,
            step: d.step,
            key: None,
            modifiers: Vec::new(),
            digits: d.digits.clone(),
            spelled: d.spelled,
            change,
            number: d.number,
            sentence: self.si,
        };
        if !self.age(&d, &mut f) {
            self.counts(&d, before, &mut f);
        }
        Some(f)
    }
}

/// Is a word an ordinary word of the text (not a number word, not a unit)?
pub fn is_plain_word(word: &str, lang: Lang) -> bool {
    number::word_value(word, lang).is_none() && lookup(lang::figure_units(lang), word).is_none()
}

fn is_currency(code: &str) -> bool {
    let u = code.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    matches!(
        u.as_str(),
        "usd" | "eur" | "gbp" | "jpy" | "cny" | "inr" | "kr" | "chf" | "franc" | "dollar-other"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Format;

    fn tokens(prose: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = next_token(prose, at) {
            at = m.end;
            out.push(&prose[m]);
        }
        out
    }

    proptest::proptest! {
        /// Skipping spaces then searching anchored finds the tokens an unanchored search finds.
        #[test]
        fn anchored_tokens_are_the_unanchored_ones(prose in "[ a-zA-Z0-9'’.,\u{a0}\u{202f}\t\néÉ\u{301}-]{0,40}") {
            let unanchored = |re: &meta::Regex, at: usize| re.find(Input::new(&prose).range(at..)).map(|m| m.range());
            let mut expected = Vec::new();
            let mut at = 0;
            while let Some(m) = unanchored(&TOKEN, at) {
                let text = &prose[m.clone()];
                let glued = prose[..m.start].chars().next_back().is_some_and(regex_syntax::is_word_character);
                let m = if text.starts_with(char::is_alphabetic) && text.ends_with(['\'', '’']) && glued {
                    unanchored(&TOKEN_NO_ELISION, m.start).expect("a token")
                } else {
                    m
                };
                at = m.end;
                expected.push(&prose[m]);
            }
            proptest::prop_assert_eq!(tokens(&prose), expected);
        }
    }

    #[test]
    fn an_elision_only_after_a_word_boundary() {
        assert_eq!(tokens("l'eau qu’il"), ["l'", "eau", "qu’", "il"]);
        // Glued to a digit or an underscore on its left, it is part of a word.
        assert_eq!(tokens("3l'eau _d'abord"), ["3", "l'eau", "_", "d'abord"]);
        assert_eq!(tokens("é-l'x"), ["é-l'x"]);
    }

    fn figs(text: &str, lang: Lang) -> Vec<Figure> {
        let doc = Document::new(text, Format::PlainText, Some(lang));
        extract(&doc, &Config::cli_default(), &[])
    }

    /// (text, value, max, unit, approx, counts) of each figure.
    fn show(text: &str, lang: Lang) -> Vec<String> {
        figs(text, lang)
            .iter()
            .map(|f| {
                format!(
                    "{} = {}{}{}{}{}",
                    f.span.text(text),
                    f.value,
                    f.max.map(|m| format!("..{m}")).unwrap_or_default(),
                    f.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default(),
                    if f.approx { " ~" } else { "" },
                    f.counts.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn english_digits_scales_currencies_and_percentages() {
        assert_eq!(
            show(
                "The fund lost 1,000.5 tonnes of grain, worth $4bn, and 3.5 million residents paid 12 per cent more. \
                 Turnout was 48.2% among 2,310 voters.",
                Lang::En
            ),
            [
                "1,000.5 tonnes = 1000.5 g [grain]",
                "$4bn = 4000000000 USD",
                "3.5 million = 3500000 [residents]",
                "12 per cent = 12 % ~".replace(" ~", "").as_str(),
                "48.2% = 48.2 %",
                "2,310 = 2310 [voters]",
            ]
        );
    }

    #[test]
    fn french_separators_scales_and_currencies() {
        assert_eq!(
            show(
                "Le port a traité 1\u{a0}000,5 tonnes de blé, 12\u{202f}400 conteneurs et 1.500 camions. \
                 Le projet coûte 1,2\u{a0}Md€ et la ville 2\u{a0}milliards d'euros. Il pèse 3,5\u{a0}millions de dollars.",
                Lang::Fr
            ),
            [
                "1\u{a0}000,5 tonnes = 1000.5 g [blé]",
                "12\u{202f}400 = 12400 [conteneurs]",
                "1.500 = 1500 [camions]",
                "1,2\u{a0}Md€ = 1200000000 EUR",
                "2\u{a0}milliards d'euros = 2000000000 EUR",
                "3,5\u{a0}millions de dollars = 3500000 USD",
            ]
        );
    }

    #[test]
    fn spelled_out_numbers_in_both_languages() {
        assert_eq!(
            show(
                "Twenty-three firefighters and a dozen trucks came; two million viewers watched.",
                Lang::En
            ),
            [
                "Twenty-three = 23 [firefighters]",
                "a dozen = 12 [trucks]",
                "two million = 2000000 [viewers]",
            ]
        );
        assert_eq!(
            show(
                "Vingt-trois pompiers, soixante-dix policiers, quatre-vingt-dix-neuf gendarmes et une centaine de bénévoles. \
                 Deux millions de spectateurs ont regardé.",
                Lang::Fr
            ),
            [
                "Vingt-trois = 23 [pompiers]",
                "soixante-dix = 70 [policiers]",
                "quatre-vingt-dix-neuf = 99 [gendarmes]",
                "une centaine = 100 ~ [bénévoles]",
                "Deux millions = 2000000 [spectateurs]",
            ]
        );
    }

    #[test]
    fn ranges_and_approximations() {
        assert_eq!(
            show(
                "Between 10 and 12 boats sank and 10-12 sailors swam; about 300 homes, nearly 40 cars, more than 5 bridges.",
                Lang::En
            ),
            [
                "10 and 12 = 10..12 [boats]",
                "10-12 = 10..12 [sailors]",
                "about 300 = 300 ~ [homes]",
                "nearly 40 = 40 ~ [cars]",
                "more than 5 = 5 ~ [bridges]",
            ]
        );
        assert_eq!(
            show(
                "Environ 65 à 70 % de la vieille ville est reprise, près de 200 maisons, plus de 30 écoles et quelque 1\u{a0}400 morts.",
                Lang::Fr
            ),
            [
                "Environ 65 à 70 % = 65..70 % ~ [vieille ville]",
                "près de 200 = 200 ~ [maisons]",
                "plus de 30 = 30 ~ [écoles]",
                "quelque 1\u{a0}400 = 1400 ~ [morts]",
            ]
        );
    }

    #[test]
    fn ages_with_their_person() {
        assert_eq!(
            show(
                "Mayor Marta Quell, 45, of Dunmore, met the 52-year-old Tom Arden.",
                Lang::En
            ),
            ["45 = 45 years [Marta Quell]", "52-year-old = 52 years [Tom Arden]"]
        );
        assert_eq!(
            show(
                "Jean Vasseur, 45 ans, est arrivé. Claire Morand, âgée de 38 ans, l'attendait.",
                Lang::Fr
            ),
            ["45 ans = 45 years [Jean Vasseur]", "38 ans = 38 years [Claire Morand]"]
        );
    }

    #[test]
    fn dates_times_years_ordinals_and_references_are_not_figures() {
        assert!(
            show(
                "On June 26, 2017, at 10:30 a.m., the 2nd district passed Article 12; call 555-123-4567.",
                Lang::En
            )
            .is_empty()
        );
        assert!(show(
            "Le 26 juin 2017 à 7h07, le XVIe arrondissement et le 2e arrondissement ; article 49, CAC 40, appelez le 01 23 45 67 89, score 3-1.",
            Lang::Fr
        )
        .is_empty());
    }

    #[test]
    fn edge_positions_and_phone_numbers() {
        assert_eq!(
            show("$5 to $10 million.", Lang::En),
            ["$5 to $10 million = 5000000..10000000 USD"]
        );
        assert!(show("Call (555) 123-4567 or 555.123.4567 now.", Lang::En).is_empty());
        assert_eq!(show("Ages: Smith, 45, and Brown, 51.", Lang::En).len(), 2);
    }

    #[test]
    fn changes_are_marked() {
        let f = figs("Le bilan est passé de 12 à 14 morts, en hausse de 3 %.", Lang::Fr);
        assert!(f.iter().all(|f| f.change), "{f:?}");
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn compatibility_of_approximate_and_exact_forms() {
        let f = figs(
            "About 300 homes burned. 312 homes burned. More than 300 homes burned. 3.5 million people. 3,512,000 people. 280 homes.",
            Lang::En,
        );
        assert!(f[0].compatible(&f[1]));
        assert!(f[2].compatible(&f[1]));
        assert!(f[3].compatible(&f[4]));
        assert!(!f[1].compatible(&f[5]));
        assert!(!f[2].compatible(&f[5]));
    }
}
