//! How each language writes dates: patterns built once from the word lists, and the readings
//! (candidates) they produce before resolution against the article's date.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use chrono::Weekday;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind, PatternID, PatternSet};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Precision, Stated};
use crate::analysis::document::{Document, Word};
use crate::lang::{self, Lang};
use crate::text::Span;

/// A unit of time in relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// How a bare weekday is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// The most recent such day on or before the article's date (the news default).
    Recent,
    /// The coming one, on or after the article's date (a clause in the future tense).
    Coming,
    /// "last Monday", "lundi dernier": strictly before.
    Last,
    /// "next Saturday", "samedi prochain": that day of the following week.
    NextWeek,
    /// "le samedi suivant": after the date mentioned just before.
    AnchorNext,
    /// "le samedi précédent": before the date mentioned just before.
    AnchorPrev,
}

/// A named day's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
    Fixed(u32, u32),
    /// The n-th (or, for -1, the last) weekday of a month.
    Nth(i32, Weekday, u32),
    /// Days from Easter Sunday.
    Easter(i64),
    /// The Tuesday after the first Monday of November.
    Election,
    /// One day of history ("9/11", "le 11-Septembre").
    Dated(i32, u32, u32),
}

/// What a match means, before the article's date is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A day or a month of the calendar; `shift` is -1 for "juin dernier" / "last June", +1 for
    /// "next June".
    Calendar {
        stated: Stated,
        shift: i32,
    },
    /// "mardi 4": a day of a nearby month, pinned by its weekday.
    WeekdayDay {
        day: u32,
    },
    /// A year or a decade.
    Year {
        year: i32,
        precision: Precision,
    },
    /// A part of a year starting at `month`: a quarter, a half, "the first six months".
    Period {
        year: Option<i32>,
        month: u32,
        precision: Precision,
    },
    /// `n` units from the article's date (or, `anchored`, from the date mentioned before).
    /// `exact` counts ("two weeks ago") land on a day; calendar ones ("last week") on the period.
    Offset {
        unit: Unit,
        n: i64,
        anchored: bool,
        exact: bool,
        /// "about two weeks ago", "a few days ago": not to be held to the day.
        approx: bool,
    },
    Weekday {
        wd: Weekday,
        mode: Mode,
    },
    Holiday {
        rule: Holiday,
        year: Option<i32>,
    },
}

/// One reading of a stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cand {
    pub span: Span,
    pub kind: Kind,
    pub weekday: Option<(Weekday, Span)>,
    /// The clause is in the future tense.
    pub future: bool,
    /// The clause is in the past tense.
    pub past: bool,
}

type Handler = fn(&Grammar, &Scan<'_>, &Caps<'_>) -> Option<Cand>;

/// A pattern, and a looser copy of it that finds where its matches can start.
///
/// Most patterns open and close on a Unicode word boundary (`\b`). The regex crate's fast engine
/// (the lazy DFA) gives up on such a pattern at the first non-ASCII byte (a curly quote, an
/// accent) and reruns the search with a much slower one to the end of the block. The loose copy
/// has no word boundary, so the DFA scans any text; it matches wherever the exact pattern does
/// (an assertion only removes matches), so the leftmost place it matches from a position is no
/// later than the exact pattern's, and the exact pattern is then tried anchored there, a few
/// bytes' work. The matches are exactly those of `captures_iter`.
///
/// Both are built on first use: a short article needs only a few of the patterns.
struct Matcher {
    pattern: String,
    exact: OnceLock<Regex>,
    loose: OnceLock<Regex>,
}

impl Matcher {
    /// `pattern` is case-insensitive.
    fn new(pattern: &str) -> Matcher {
        // Word lists hold no backslash: every `\b` here is a word boundary.
        debug_assert!(!pattern.contains(r"\\"));
        Matcher {
            pattern: pattern.to_owned(),
            exact: OnceLock::new(),
            loose: OnceLock::new(),
        }
    }

    fn build(pattern: &str, config: regex_automata::meta::Config) -> Regex {
        Regex::builder()
            .configure(config.onepass(false))
            .build(&format!("(?i){pattern}"))
            .expect("a valid date pattern")
    }

    fn exact(&self) -> &Regex {
        // Only searched anchored: no use for a prefilter.
        self.exact
            .get_or_init(|| Matcher::build(&self.pattern, Regex::config().auto_prefilter(false)))
    }

    fn loose(&self) -> &Regex {
        // Only asked where a match is. Looking for a prefilter (literals every match starts
        // with) in patterns that open on optional words then a digit roughly doubled the time
        // to build them, and saved nothing measurable when scanning.
        self.loose.get_or_init(|| {
            Matcher::build(
                &self.pattern.replace(r"\b", ""),
                Regex::config()
                    .auto_prefilter(false)
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit),
            )
        })
    }

    /// Calls `f` with each match in `text`, leftmost first and without overlaps.
    fn for_each(&self, text: &str, mut f: impl FnMut(&Caps<'_>)) {
        let (exact, loose) = (self.exact(), self.loose());
        let mut caps = exact.create_captures();
        let mut at = 0;
        while let Some(m) = loose.find(Input::new(text).range(at..)) {
            let start = m.start();
            let anchored = Input::new(text).range(start..).anchored(Anchored::Yes);
            exact.search_captures(&anchored, &mut caps);
            match caps.get_match() {
                Some(found) => {
                    // No pattern matches the empty string.
                    debug_assert!(found.end() > start);
                    f(&Caps { text, caps: &caps });
                    at = found.end();
                }
                None => at = start + text[start..].chars().next().map_or(1, char::len_utf8),
            }
            if at >= text.len() {
                break;
            }
        }
    }

    fn count(&self, text: &str) -> usize {
        let mut n = 0;
        self.for_each(text, |_| n += 1);
        n
    }
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Which of several patterns match somewhere in a text, in one pass of a lazy DFA. Only the
/// forward automaton without groups is built: cheaper than a meta regex, which also builds a
/// reverse one and the engines that report groups.
struct Which {
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
}

impl Which {
    fn new(patterns: &[String]) -> Which {
        let dfa = hybrid::dfa::DFA::builder()
            // Every pattern that matches, not only the leftmost-first one.
            .configure(hybrid::dfa::DFA::config().match_kind(MatchKind::All))
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(patterns)
            .expect("valid date patterns");
        let for_caches = dfa.clone();
        Which {
            dfa,
            caches: Pool::new(Box::new(move || for_caches.create_cache())),
        }
    }

    fn which(&self, text: &str, set: &mut PatternSet) {
        let mut cache = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut cache, &Input::new(text), set)
            .is_err()
        {
            // The lazy DFA gave up: any pattern may match.
            for i in 0..set.capacity() {
                set.insert(PatternID::must(i));
            }
        }
    }
}

/// The groups of one match.
pub(super) struct Caps<'a> {
    text: &'a str,
    caps: &'a Captures,
}

/// One group of a match.
#[derive(Debug, Clone, Copy)]
pub(super) struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl<'a> Caps<'a> {
    fn group(&self, span: Option<regex_automata::Span>) -> Option<Group<'a>> {
        span.map(|s| Group {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }

    /// The group `i` (0: the whole match).
    fn get(&self, i: usize) -> Option<Group<'a>> {
        self.group(self.caps.get_group(i))
    }

    fn name(&self, name: &str) -> Option<Group<'a>> {
        self.group(self.caps.get_group_by_name(name))
    }
}

/// One language's date grammar.
pub(super) struct Grammar {
    lang: Lang,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, Weekday>,
    numbers: HashMap<String, i64>,
    /// Number words that only approximate ("a few", "quelques").
    vague: Vec<String>,
    relative: HashMap<String, (Unit, i64, bool)>,
    holidays: HashMap<String, Holiday>,
    patterns: Vec<(Matcher, Handler)>,
    /// The loose copies of all `patterns` as one regex: a single pass over a block tells which
    /// patterns can match there at all, so the others are never run on it.
    any: Which,
    mdy: Matcher,
    dmy: Matcher,
    future: FutureWords,
    past: PastWords,
}

/// The `date_future` list by kind of entry.
struct FutureWords {
    /// "will", "upcoming".
    words: HashSet<String>,
    /// "'ll": a word ending.
    endings: Vec<String>,
    /// "-ra" (French future): the ending of a lowercase word.
    suffixes: Vec<String>,
}

impl FutureWords {
    fn new(list: &lang::WordList) -> FutureWords {
        let mut f = FutureWords {
            words: HashSet::default(),
            endings: Vec::new(),
            suffixes: Vec::new(),
        };
        for e in list.entries() {
            if let Some(suffix) = e.strip_prefix('-') {
                f.suffixes.push(suffix.to_owned());
            } else if e.starts_with('\'') {
                f.endings.push(e.clone());
            } else {
                f.words.insert(e.clone());
            }
        }
        f
    }

    /// Does the word (`raw` as written, `lower` normalised) put its clause in the future?
    fn marks(&self, raw: &str, lower: &str) -> bool {
        self.words.contains(lower)
            || self.endings.iter().any(|e| lower.ends_with(e.as_str()))
            || self.suffixes.iter().any(|suffix| {
                raw.chars().next().is_some_and(char::is_lowercase)
                    && lower.ends_with(suffix.as_str())
                    && !lower.ends_with("éra")
                    && lower != "front"
                    && lower.chars().count() >= suffix.chars().count() + 2
            })
    }
}

/// The `date_past` list by kind of entry.
struct PastWords {
    /// Plain entries: auxiliaries ("was", "a").
    auxiliaries: HashSet<String>,
    /// "-ed": a participle's ending.
    suffixes: Vec<String>,
    /// "=held": an irregular participle.
    irregular: HashSet<String>,
    /// "!scheduled": not a participle of the past.
    not_participles: HashSet<String>,
}

impl PastWords {
    fn new(list: &lang::WordList) -> PastWords {
        let mut p = PastWords {
            auxiliaries: HashSet::default(),
            suffixes: Vec::new(),
            irregular: HashSet::default(),
            not_participles: HashSet::default(),
        };
        for e in list.entries() {
            if let Some(suffix) = e.strip_prefix('-') {
                p.suffixes.push(suffix.to_owned());
            } else if let Some(w) = e.strip_prefix('=') {
                p.irregular.insert(w.to_owned());
            } else if let Some(w) = e.strip_prefix('!') {
                p.not_participles.insert(w.to_owned());
            } else {
                p.auxiliaries.insert(e.clone());
            }
        }
        p
    }

    fn is_participle(&self, w: &str) -> bool {
        w.chars().count() > 3
            && !self.not_participles.contains(w)
            && (self.suffixes.iter().any(|suffix| w.ends_with(suffix.as_str())) || self.irregular.contains(w))
    }
}

/// The words of a clause, in its document.
#[derive(Clone, Copy)]
struct Clause<'d> {
    doc: &'d Document,
    words: &'d [Word],
}

/// Where a pattern is being matched.
pub(super) struct Scan<'a> {
    doc: &'a Document,
    /// The block's prose.
    text: &'a str,
    /// The block's offset in the file.
    base: usize,
    day_first: bool,
    /// The sentences that can hold a place of the block (indices into `doc.sentences`), and
    /// their words: the document's are too many to search for each reading.
    sentences: std::ops::Range<usize>,
    words: &'a [Word],
}

impl<'a> Scan<'a> {
    fn new(doc: &'a Document, block: Span, day_first: bool) -> Scan<'a> {
        let all = &doc.sentences;
        let lo = all.partition_point(|s| s.span.end < block.start);
        let hi = (lo + all[lo..].partition_point(|s| s.span.start <= block.end) + 1).min(all.len());
        let first = doc.words.partition_point(|w| w.sentence < lo);
        let last = first + doc.words[first..].partition_point(|w| w.sentence < hi);
        Scan {
            doc,
            text: doc.prose(block),
            base: block.start,
            day_first,
            sentences: lo..hi,
            words: &doc.words[first..last],
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// [`Document::sentence_at`] for a place in the block.
    fn sentence_at(&self, offset: usize) -> Option<usize> {
        let all = &self.doc.sentences;
        let i = self.sentences.start + all[self.sentences.clone()].partition_point(|s| s.span.end < offset);
        (i < all.len() && all[i].span.start <= offset).then_some(i)
    }

    /// [`Document::sentence_words`] for a sentence of the block.
    fn sentence_words(&self, sentence: usize) -> &'a [Word] {
        let start = self.words.partition_point(|w| w.sentence < sentence);
        let end = self.words.partition_point(|w| w.sentence <= sentence);
        &self.words[start..end]
    }
}

static EN: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(Lang::En));
static FR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(Lang::Fr));

/// Lowercase, ’ as ', runs of white space as one space: the form lookups use.
pub(super) fn norm(s: &str) -> String {
    norm_cow(s).into_owned()
}

/// [`norm`], borrowing the many words already in that form (printable ASCII, no capital).
fn norm_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(s);
    }
    let mut s = s.to_lowercase();
    if s.contains('’') {
        s = s.replace('’', "'");
    }
    // A single word (the usual case) needs no more.
    if s.contains(char::is_whitespace) {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Cow::Owned(s)
}

/// A phrase of a word list as a regex: escaped, any apostrophe, any white space, and a word
/// boundary after a final letter.
fn phrase_re(p: &str) -> String {
    let mut out = String::new();
    for (i, word) in p.split(' ').enumerate() {
        if i > 0 {
            out.push_str(r"\s+");
        }
        out.push_str(&regex::escape(word).replace('\'', "['’]"));
    }
    if p.chars().last().is_some_and(char::is_alphanumeric) {
        out.push_str(r"\b");
    }
    out
}

fn alt<'a>(forms: impl IntoIterator<Item = &'a String>) -> String {
    let mut forms: Vec<&String> = forms.into_iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let parts: Vec<String> = forms.iter().map(|f| phrase_re(f)).collect();
    format!("(?:{})", parts.join("|"))
}

fn pairs(list: &lang::WordList) -> impl Iterator<Item = (String, String)> + '_ {
    list.entries().iter().filter_map(|e| {
        e.split_once(" = ")
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
    })
}

fn weekday_from(i: usize) -> Weekday {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ][i % 7]
}

fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

fn parse_holiday(s: &str, weekdays: &HashMap<String, Weekday>) -> Option<Holiday> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        ["election"] => Some(Holiday::Election),
        ["easter", n] => Some(Holiday::Easter(n.parse().ok()?)),
        [md] => {
            let parts: Vec<&str> = md.split('-').collect();
            match parts.as_slice() {
                [m, d] => Some(Holiday::Fixed(m.parse().ok()?, d.parse().ok()?)),
                [y, m, d] => Some(Holiday::Dated(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)),
                _ => None,
            }
        }
        [n, wd, m] => {
            let n = if *n == "last" { -1 } else { n.parse().ok()? };
            Some(Holiday::Nth(n, *weekdays.get(*wd)?, m.parse().ok()?))
        }
        _ => None,
    }
}

impl Grammar {
    pub(super) fn get(lang: Lang) -> &'static Grammar {
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    fn new(lang: Lang) -> Grammar {
        let mut months = HashMap::default();
        let mut full_months = Vec::new();
        for (i, line) in lang::months(lang).entries().iter().enumerate() {
            for (k, form) in line.split_whitespace().enumerate() {
                months.insert(form.to_owned(), i as u32 + 1);
                // Abbreviations ("nov.", "Nov", "janv") are read only beside a day or a year.
                if k == 0 || (!form.ends_with('.') && form.chars().count() > 4) {
                    full_months.push(form.to_owned());
                }
            }
        }
        let mut weekdays = HashMap::default();
        let mut full_weekdays = Vec::new();
        for (i, line) in lang::weekdays(lang).entries().iter().enumerate() {
            for (k, form) in line.split_whitespace().enumerate() {
                weekdays.insert(form.to_owned(), weekday_from(i));
                if k == 0 {
                    full_weekdays.push(form.to_owned());
                }
            }
        }
        // The English list names weekdays in English; holiday rules use those names.
        let english_weekdays: HashMap<String, Weekday> = lang::weekdays(Lang::En)
            .entries()
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((l.split_whitespace().next()?.to_owned(), weekday_from(i))))
            .collect();
        let numbers: HashMap<String, i64> = pairs(lang::date_numbers(lang))
            .filter_map(|(k, v)| Some((k, v.trim_start_matches('~').parse().ok()?)))
            .collect();
        let vague: Vec<String> = pairs(lang::date_numbers(lang))
            .filter(|(_, v)| v.starts_with('~'))
            .map(|(k, _)| k)
            .collect();
        let relative: HashMap<String, (Unit, i64, bool)> = pairs(lang::date_relative(lang))
            .filter_map(|(k, v)| {
                let p: Vec<&str> = v.split_whitespace().collect();
                Some((
                    norm(&k),
                    (
                        parse_unit(p.first()?)?,
                        p.get(1)?.parse().ok()?,
                        p.get(2) == Some(&"anchor"),
                    ),
                ))
            })
            .collect();
        let holidays: HashMap<String, Holiday> = pairs(lang::date_holidays(lang))
            .filter_map(|(k, v)| Some((norm(&k), parse_holiday(&v, &english_weekdays)?)))
            .collect();

        let all_months: Vec<String> = months.keys().cloned().collect();
        let mon = alt(&all_months);
        let mon_full = alt(&full_months);
        let all_wd: Vec<String> = weekdays.keys().cloned().collect();
        let wd = alt(&all_wd);
        let wd_full = alt(&full_weekdays);
        let num_words: Vec<String> = numbers.keys().cloned().collect();
        let num = format!(r"(?:{}|\d{{1,3}})", alt(&num_words));
        let rel_keys: Vec<String> = relative.keys().cloned().collect();
        let rel = alt(&rel_keys);
        let hol_keys: Vec<String> = holidays.keys().cloned().collect();
        let hol = alt(&hol_keys);

        let mut p: Vec<(String, Handler)> = Vec::new();
        let r = |s: String| format!("(?i){s}");
        // Named days first: on a tie ("11-Septembre") they win over the calendar reading.
        p.push((
            format!(r"\b(?P<hol>{hol})(?:\s+(?P<year>\d{{4}})\b)?(?:\s+(?P<wkend>weekend)\b)?"),
            holiday,
        ));
        match lang {
            Lang::En => {
                p.push((r(format!(r"\b(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?")), calendar));
                p.push((r(format!(r"\b(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{mon})(?:,?\s+(?P<year>\d{{4}})\b)?")), calendar));
                p.push((r(format!(r"\b(?:(?P<mod>early|mid|late|end|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|last|next|this)(?:-|\s+))?(?P<mon>{mon_full})(?:,?\s+(?:of\s+)?(?P<year>\d{{4}})\b)?")), calendar));
                p.push((r(r"\b(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?|end)(?:-|\s+))?(?P<year>\d{4})\b".to_owned()), year));
                p.push((
                    r(r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<dec>1[5-9]\d0|20\d0)['’]?s\b".to_owned()),
                    decade,
                ));
                p.push((r(r"(?:\bthe\s+)?['’](?P<d2>\d0)s\b".to_owned()), decade));
                p.push((r(r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter\b(?:\s+(?:of\s+)?(?P<year>\d{4})\b)?".to_owned()), period));
                p.push((
                    r(r"\b(?-i:Q)(?P<q>[1-4])\b(?:\s*(?P<year>\d{4})\b)?".to_owned()),
                    period,
                ));
                p.push((
                    r(
                        r"\b(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+(?:the\s+year|(?P<year>\d{4})\b)"
                            .to_owned(),
                    ),
                    period,
                ));
                p.push((r(r"\b(?-i:H)(?P<h>[12])\s+(?P<year>\d{4})\b".to_owned()), period));
                p.push((
                    r(format!(
                        r"\b(?:the\s+)?first\s+(?P<n>{num})\s+months\s+of\s+(?:the\s+year|(?P<year>\d{{4}})\b)"
                    )),
                    first_months,
                ));
                p.push((r(format!(r"\b(?:(?P<approx>about|nearly|almost|more\s+than|over|just\s+over|just\s+under|less\s+than|some|roughly|around|barely|only|exactly)\s+)?(?P<n>{num})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago|later|earlier|from\s+now)\b")), count));
                p.push((
                    r(format!(
                        r"\bin\s+(?P<n>{num})\s+(?P<unit>days?|weeks?|months?|years?)\b(?:['’]\s*time\b)?"
                    )),
                    count,
                ));
                p.push((
                    r(format!(
                        r"\b(?:(?P<pre>last|next|this\s+coming|this)\s+)?(?P<wd>{wd_full})"
                    )),
                    weekday,
                ));
            }
            Lang::Fr => {
                p.push((r(format!(r"\b(?:(?P<wd>{wd})\s+)?(?P<day>\d{{1,2}})(?:er|ᵉʳ)?(?:\s+|-)(?P<mon>{mon})(?:\s+(?P<year>\d{{4}})\b)?")), calendar));
                p.push((
                    r(format!(r"\b(?P<wd>{wd_full})\s+(?P<day>1er|\d{{1,2}})\b")),
                    weekday_day,
                ));
                p.push((r(format!(r"\b(?:(?P<mod>(?:à\s+)?la\s+mi|mi|fin|début|courant|à\s+la\s+fin\s+de|au\s+début\s+de)(?:-|\s+))?(?P<mon>{mon_full})(?:\s+(?P<year>\d{{4}})\b)?(?:\s+(?P<rel>dernier|prochain|passé)\b)?")), calendar));
                p.push((r(r"\b(?:(?P<mod>début|fin|mi|courant|à\s+la\s+fin\s+de|au\s+début\s+de|fin\s+de|l['’]été|l['’]hiver|le\s+printemps|l['’]automne|au\s+printemps|à\s+l['’]automne|en\s+été|en\s+hiver|en\s+automne)(?:-|\s+))?(?P<year>\d{4})\b".to_owned()), year));
                p.push((
                    r(r"\b(?:(?:dans\s+)?les\s+)?années\s+(?P<dec>(?:1[5-9]|20)\d0|\d0)\b".to_owned()),
                    decade,
                ));
                p.push((r(r"\b(?P<ord>premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème)\s+(?P<kind>trimestre|semestre)\b(?:\s+(?:de\s+l['’]année\s+)?(?P<year>\d{4})\b)?".to_owned()), period));
                p.push((
                    r(r"\b(?-i:(?P<kind>[TS]))(?P<q>[1-4])\s+(?P<year>\d{4})\b".to_owned()),
                    period,
                ));
                p.push((
                    r(format!(
                        r"\b(?:les\s+)?(?P<n>{num})\s+premiers\s+mois\s+de\s+(?:l['’]année|(?P<year>\d{{4}})\b)"
                    )),
                    first_months,
                ));
                p.push((r(format!(r"\bil\s+y\s+a\s+(?:(?P<approx>près\s+de|plus\s+de|moins\s+de|environ|quelque|presque|à\s+peine|tout\s+juste|exactement)\s+)?(?P<n>{num})\s+(?P<unit>jours?|semaines?|mois|ans?|années?|décennies?)\b")), count));
                p.push((r(format!(r"\b(?:(?P<approx>près\s+de|plus\s+de|moins\s+de|environ|quelque|presque)\s+)?(?P<n>{num})\s+(?P<unit>jours?|semaines?|mois|ans?|années?)\s+(?P<dir>plus\s+tard|plus\s+tôt|auparavant)\b")), count));
                p.push((r(format!(r"\b(?P<dans>dans|d['’]ici)\s+(?:(?P<approx>près\s+de|plus\s+de|moins\s+de|environ|quelque)\s+)?(?P<n>{num})\s+(?P<unit>jours?|semaines?|mois|ans?|années?)\b")), count));
                p.push((r(format!(r"\b(?:(?P<pre>ce)\s+)?(?P<wd>{wd_full})(?:\s+(?P<post>dernier|prochain|passé|précédent|suivant)\b)?")), weekday));
            }
        }
        p.push((r(format!(r"\b(?:{rel})")), relative_phrase));
        p.push((
            r(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:\b|T)".to_owned()),
            numeric,
        ));
        p.push((
            r(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})[/.](?P<y>\d{4})\b".to_owned()),
            numeric,
        ));

        let p: Vec<(&str, Handler)> = p
            .iter()
            .map(|(s, h)| (s.strip_prefix("(?i)").unwrap_or(s), *h))
            .collect();
        let any = Which::new(
            &p.iter()
                .map(|(s, _)| format!("(?i){}", s.replace(r"\b", "")))
                .collect::<Vec<_>>(),
        );
        let patterns: Vec<_> = p.into_iter().map(|(s, h)| (Matcher::new(s), h)).collect();
        let mdy = Matcher::new(&format!(r"\b{mon}\s+\d{{1,2}}\b"));
        let dmy = Matcher::new(&format!(r"\b\d{{1,2}}\s+{mon}"));
        Grammar {
            lang,
            months,
            weekdays,
            numbers,
            vague,
            relative,
            holidays,
            patterns,
            any,
            mdy,
            dmy,
            future: FutureWords::new(lang::date_future(lang)),
            past: PastWords::new(lang::date_past(lang)),
        }
    }

    /// Are numeric dates day first (French, British English) rather than month first (US)?
    pub(super) fn day_first(&self, doc: &Document) -> bool {
        match self.lang {
            Lang::Fr => true,
            Lang::En => {
                let prose = &doc.markup.prose;
                self.dmy.count(prose) > self.mdy.count(prose)
            }
        }
    }

    /// The readings of one block, the longest of overlapping ones kept (see [`keep_longest`]).
    pub(super) fn scan(&self, doc: &Document, block: Span, day_first: bool, out: &mut Vec<Cand>) {
        let scan = Scan::new(doc, block, day_first);
        let mut can_match = PatternSet::new(self.patterns.len());
        self.any.which(scan.text, &mut can_match);
        let mut found = Vec::new();
        for (i, (matcher, handler)) in self.patterns.iter().enumerate() {
            if !can_match.contains(PatternID::must(i)) {
                continue;
            }
            matcher.for_each(scan.text, |caps| found.extend(handler(self, &scan, caps)));
        }
        // Readings never overlap another block's: keeping the longest block by block keeps what
        // keeping them over the whole document would, and the tense is only worked out for those.
        for mut c in keep_longest(found) {
            (c.future, c.past) = self.tense(self.clause(&scan, c.span));
            if let Kind::Weekday { wd, mode: Mode::Recent } = c.kind
                && c.future
            {
                c.kind = Kind::Weekday { wd, mode: Mode::Coming };
            }
            out.push(c);
        }
    }

    fn month(&self, s: &str) -> Option<u32> {
        self.months.get(&norm(s)).copied()
    }

    fn weekday(&self, s: &str) -> Option<Weekday> {
        self.weekdays.get(&norm(s)).copied()
    }

    fn number(&self, s: &str) -> Option<i64> {
        s.parse().ok().or_else(|| self.numbers.get(&norm(s)).copied())
    }

    /// The words of the clause around `span`: to the nearest punctuation or clause-opening word
    /// on each side, twelve words at most.
    fn clause<'d>(&self, scan: &Scan<'d>, span: Span) -> Clause<'d> {
        Clause {
            doc: scan.doc,
            words: self.clause_words(scan, span),
        }
    }

    fn clause_words<'d>(&self, scan: &Scan<'d>, span: Span) -> &'d [Word] {
        let doc = scan.doc;
        let Some(si) = scan.sentence_at(span.start) else {
            return &[];
        };
        let words = scan.sentence_words(si);
        let prose = &doc.markup.prose;
        let breaks = lang::date_clause_breaks(self.lang);
        let is_break = |i: usize| breaks.contains(&norm_cow(doc.slice(words[i].span)));
        let punct_between = |a: usize, b: usize| {
            prose[words[a].span.end..words[b].span.start]
                .chars()
                .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '«' | '»' | '"' | '“' | '”'))
        };
        let first_in = words.partition_point(|w| w.span.end <= span.start);
        let last_in = words.partition_point(|w| w.span.start < span.end);
        if first_in >= words.len() {
            return &[];
        }
        let mut lo = first_in;
        while lo > 0 && first_in - lo < 12 && !punct_between(lo - 1, lo) {
            lo -= 1;
            if is_break(lo) {
                break;
            }
        }
        let mut hi = last_in.max(first_in + 1).min(words.len());
        while hi < words.len() && hi - last_in < 12 && !punct_between(hi - 1, hi) && !is_break(hi) {
            hi += 1;
        }
        &words[lo..hi]
    }

    /// Is the clause around `span` in the future tense?
    pub(super) fn is_future(&self, scan: &Scan<'_>, span: Span) -> bool {
        self.tense(self.clause(scan, span)).0
    }

    /// Is a clause (its words) in the future tense, or else in the past (an auxiliary then a past
    /// participle)?
    fn tense(&self, clause: Clause<'_>) -> (bool, bool) {
        let lower: Vec<Cow<'_, str>> = clause
            .words
            .iter()
            .map(|w| norm_cow(clause.doc.slice(w.span)))
            .collect();
        let future = clause
            .words
            .iter()
            .zip(&lower)
            .any(|(w, l)| self.future.marks(clause.doc.slice(w.span), l));
        let past = !future
            && (0..lower.len()).any(|i| {
                self.past.auxiliaries.contains(lower[i].as_ref())
                    && (i + 1..(i + 4).min(lower.len()))
                        .any(|k| self.past.is_participle(&lower[k]) && lower.get(k + 1).is_none_or(|n| n != "to"))
            });
        (future, past)
    }
}

/// The word just before `pos` in `text` when only spaces separate them.
fn prev_word(text: &str, pos: usize) -> &str {
    let before = &text[..pos];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() && pos > 0 {
        return "";
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[start..]
}

/// The word just after `pos` when only spaces separate them.
fn next_word(text: &str, pos: usize) -> &str {
    let after = &text[pos..];
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() {
        return "";
    }
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[..end]
}

fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Does `pos` (block-relative) start a sentence (quotation marks and dashes aside)?
fn starts_sentence(scan: &Scan<'_>, pos: usize) -> bool {
    let abs = scan.base + pos;
    let Some(si) = scan.doc.sentence_at(abs) else {
        return true;
    };
    let start = scan.doc.sentences[si].span.start;
    scan.doc.markup.prose[start..abs].chars().all(|c| !c.is_alphanumeric())
}

fn group<'a>(caps: &Caps<'a>, name: &str) -> Option<Group<'a>> {
    caps.name(name)
}

fn int(caps: &Caps<'_>, name: &str) -> Option<i64> {
    let s = caps.name(name)?.as_str();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn cand(scan: &Scan<'_>, start: usize, end: usize, kind: Kind) -> Cand {
    Cand {
        span: scan.span(start, end),
        kind,
        weekday: None,
        future: false,
        past: false,
    }
}

/// "26 June 2017", "June 26", "Monday, June 26", "lundi 26 juin", "le 14-Juillet", "mid-June",
/// "en juin 2014", "juin dernier".
fn calendar(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let text = scan.text;
    let whole = caps.get(0)?;
    let mon_m = group(caps, "mon")?;
    let month = g.month(mon_m.as_str())?;
    let mon_text = mon_m.as_str();
    let day: Option<u32> = match group(caps, "day") {
        Some(d) => Some(d.as_str().parse().ok()?),
        None => None,
    };
    let year = group(caps, "year").and_then(|y| y.as_str().parse::<i32>().ok());
    let md = group(caps, "mod");
    let abbreviated = mon_text.ends_with('.');
    // English capitalises months; a lowercase "may" or "march" is a verb.
    if g.lang == Lang::En && !is_capitalized(mon_text) {
        return None;
    }
    if let Some(d) = day {
        if d == 0 || d > 39 {
            return None;
        }
        let day_m = group(caps, "day")?;
        // A number glued to a thousands group or a decimal ("1 400", "3,5") is not a day.
        let before = &text[..day_m.start()];
        if before.ends_with([',', '.']) && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if g.lang == Lang::En && day_m.start() > mon_m.start() {
            // "Month DD": a count after a month ("in May 25 people died") is not a day; an
            // abbreviation ("the Oct. 32 attack") is always a date, even an impossible one.
            let next = next_word(text, whole.end());
            let stop = lang::stopwords(Lang::En).contains(&norm(next));
            let counted = year.is_none() && next.chars().next().is_some_and(char::is_lowercase) && !stop;
            let in_before = matches!(norm(prev_word(text, whole.start())).as_str(), "in" | "by" | "since");
            let verb_like = matches!(norm(mon_text).as_str(), "may" | "march");
            if counted && !abbreviated && (in_before || (verb_like && d > 31)) {
                return None;
            }
        }
    } else if year.is_none() && md.is_none() {
        // A bare month name: only where it cannot be a verb or a name.
        if abbreviated {
            return None;
        }
        let prev = norm(prev_word(text, mon_m.start()));
        let next = next_word(text, mon_m.end());
        match g.lang {
            Lang::En => {
                let lower = norm(mon_text);
                let preps = [
                    "in", "since", "by", "until", "till", "from", "through", "during", "of", "before", "after",
                    "between", "and", "or", "to", "last", "next", "this", "early", "late", "mid",
                ];
                let has_prep = preps.contains(&prev.as_str());
                if (lower == "may" || lower == "march") && !has_prep {
                    return None;
                }
                // "June Carter", "April Ryan": a first name, unless a preposition introduces it.
                let introduced = matches!(
                    prev.as_str(),
                    "in" | "since" | "by" | "until" | "from" | "through" | "during" | "last" | "next" | "this"
                );
                if is_capitalized(next) && g.month(next).is_none() && !introduced {
                    return None;
                }
                let prev_raw = prev_word(text, mon_m.start());
                if is_capitalized(prev_raw) && !starts_sentence(scan, mon_m.start()) && !has_prep {
                    return None;
                }
            }
            Lang::Fr => {
                if is_capitalized(mon_text) {
                    let lower = norm(mon_text);
                    if lower == "mars" || lower == "avril" || !starts_sentence(scan, mon_m.start()) {
                        return None;
                    }
                }
            }
        }
    }
    let mut shift = 0;
    if let Some(m) = md {
        match norm(m.as_str()).as_str() {
            "last" => shift = -1,
            "next" => shift = 1,
            _ => {}
        }
    }
    if let Some(r) = group(caps, "rel") {
        shift = if norm(r.as_str()) == "prochain" { 1 } else { -1 };
    }
    if year.is_some() {
        shift = 0;
    }
    let start = whole.start();
    let mut c = cand(
        scan,
        start,
        whole.end(),
        Kind::Calendar {
            stated: Stated {
                year,
                month: Some(month),
                day,
            },
            shift,
        },
    );
    if let Some(w) = group(caps, "wd") {
        c.weekday = Some((g.weekday(w.as_str())?, scan.span(w.start(), w.end())));
        if g.lang == Lang::En && !is_capitalized(w.as_str()) {
            c.weekday = None;
            c.span = scan.span(mon_m.start().min(group(caps, "day")?.start()), whole.end());
        }
    }
    Some(c)
}

/// "mardi 4": a weekday and a day number, the month left to the article's date.
fn weekday_day(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let rest = scan.text[whole.end()..].trim_start();
    // "mardi 4 000", "lundi 7h", "samedi 3,5 %" are not dates.
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == 'h' || c == '%' || c == ',' || c == '.')
        && !rest.starts_with(". ")
        && !rest.starts_with(", ")
        || rest.starts_with("heure")
    {
        return None;
    }
    let w = group(caps, "wd")?;
    let day_s = group(caps, "day")?.as_str();
    let day: u32 = if day_s == "1er" { 1 } else { day_s.parse().ok()? };
    if day == 0 || day > 31 {
        return None;
    }
    let mut c = cand(scan, whole.start(), whole.end(), Kind::WeekdayDay { day });
    c.weekday = Some((g.weekday(w.as_str())?, scan.span(w.start(), w.end())));
    Some(c)
}

/// "in 2014", "early 2020", "début 2023", "summer 2020".
fn year(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let text = scan.text;
    let whole = caps.get(0)?;
    let y_m = group(caps, "year")?;
    let year: i32 = y_m.as_str().parse().ok()?;
    let md = group(caps, "mod");
    let before = &text[..y_m.start()];
    let after = &text[y_m.end()..];
    // Glued to other numbers, money or units: "1.2018", "$2019", "2019 %", "2019,5", "JO-2024".
    if before.ends_with(['$', '€', '£', '#', '°', '/', ':', '+'])
        || after.starts_with(['/', ':', '%', '€', '$'])
        || (after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
        || (before.ends_with([',', '.', ' ', '\u{a0}', '\u{202f}'])
            && before
                .trim_end_matches([' ', '\u{a0}', '\u{202f}', ',', '.'])
                .ends_with(|c: char| c.is_ascii_digit())
            && before.trim_end().len() + 1 >= before.len())
    {
        return None;
    }
    if md.is_none() && before.ends_with(['-', '–']) {
        // A range ("2019-2020") keeps its second year; a name ("JO-2024") does not have one.
        let b = before[..before.len() - before.chars().last()?.len_utf8()].trim_end();
        if !b.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    if after
        .strip_prefix(['-', '–'])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphabetic()))
    {
        return None;
    }
    let t = after.trim_start();
    if t.starts_with(['%', '‰', '€', '$', '£']) {
        return None;
    }
    let next = next_word(text, y_m.end());
    let prev_raw = prev_word(text, y_m.start());
    let prev = norm(prev_raw);
    // A number after a label ("No. 2020", "article 1240", "flight AF 1954", "EUR 2000").
    let label_before = {
        let b = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
        let dotted = b
            .strip_suffix('.')
            .map(|x| x.rsplit(' ').next().unwrap_or("").to_lowercase());
        dotted.as_deref() == Some("no")
            || matches!(
                prev.as_str(),
                "n°" | "nº"
                    | "no"
                    | "number"
                    | "numéro"
                    | "article"
                    | "ligne"
                    | "line"
                    | "vol"
                    | "flight"
                    | "route"
                    | "bus"
                    | "room"
                    | "chambre"
                    | "page"
                    | "p"
                    | "code"
            )
            || (md.is_none()
                && (2..=3).contains(&prev_raw.chars().count())
                && prev_raw.chars().all(|c| c.is_ascii_uppercase()))
    };
    if label_before {
        return None;
    }
    let with_prep = md.is_some()
        || matches!(
            prev.as_str(),
            "in" | "since"
                | "by"
                | "until"
                | "from"
                | "through"
                | "during"
                | "of"
                | "before"
                | "after"
                | "to"
                | "and"
                | "year"
                | "circa"
                | "en"
                | "depuis"
                | "dès"
                | "de"
                | "jusqu'en"
                | "avant"
                | "après"
                | "pour"
                | "sur"
                | "vers"
                | "année"
                | "l'an"
                | "et"
                | "à"
                | "fin"
                | "début"
                | "the"
        );
    let range = if with_prep { 1000..=2199 } else { 1900..=2100 };
    // Only a preposition that introduces a year ("in", "en", "depuis") vouches for "2000 personnes".
    let year_prep = md.is_some()
        || matches!(
            prev.as_str(),
            "in" | "since" | "during" | "year" | "en" | "depuis" | "dès" | "jusqu'en" | "année" | "l'an"
        );
    if !range.contains(&year) {
        return None;
    }
    // "2000 people", "1954 votes": a count before a plural noun.
    let lower_next = norm(next);
    if !next.is_empty()
        && next.chars().all(char::is_lowercase)
        && (lower_next.ends_with('s') || lower_next.ends_with('x'))
        && lower_next.chars().count() > 3
        && !lang::stopwords(g.lang).contains(&lower_next)
        && !year_prep
    {
        return None;
    }
    // A unit after the number: "2019 km", "1500 m".
    if matches!(
        lower_next.as_str(),
        "km" | "m" | "kg" | "t" | "ha" | "mw" | "gw" | "h" | "mn" | "min" | "gmt" | "utc" | "hrs" | "heures"
    ) {
        return None;
    }
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Year {
            year,
            precision: Precision::Year,
        },
    ))
}

/// "the 1990s", "the '90s", "les années 1990", "années 70".
fn decade(_g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let year: i32 = if let Some(d) = group(caps, "dec") {
        let v: i32 = d.as_str().parse().ok()?;
        if v < 100 { 1900 + v } else { v }
    } else {
        let v: i32 = group(caps, "d2")?.as_str().parse().ok()?;
        if v <= 10 { 2000 + v } else { 1900 + v }
    };
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Year {
            year,
            precision: Precision::Decade,
        },
    ))
}

fn ordinal(s: &str) -> Option<u32> {
    Some(match norm(s).as_str() {
        "first" | "1st" | "premier" | "1er" => 1,
        "second" | "2nd" | "deuxième" | "2e" | "2ème" => 2,
        "third" | "3rd" | "troisième" | "3e" | "3ème" => 3,
        "fourth" | "4th" | "quatrième" | "4e" | "4ème" => 4,
        _ => return None,
    })
}

/// Quarters and halves: "second quarter", "Q2 2024", "premier semestre", "T3 2023".
fn period(_g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let year = group(caps, "year").and_then(|y| y.as_str().parse().ok());
    let (month, precision) = if let Some(h) = group(caps, "half").or_else(|| group(caps, "h")) {
        let n = ordinal(h.as_str()).or_else(|| h.as_str().parse().ok())?;
        (if n == 1 { 1 } else { 7 }, Precision::Year)
    } else {
        let n = match group(caps, "ord") {
            Some(o) => ordinal(o.as_str())?,
            None => group(caps, "q")?.as_str().parse().ok()?,
        };
        let half = group(caps, "kind").is_some_and(|k| matches!(k.as_str(), "semestre" | "S" | "Semestre"));
        if half {
            if n > 2 {
                return None;
            }
            (if n == 1 { 1 } else { 7 }, Precision::Year)
        } else {
            (3 * (n - 1) + 1, Precision::Quarter)
        }
    };
    // "the fourth quarter" of a match is not a date.
    if group(caps, "ord").is_some() && year.is_none() && scan.doc.lang == Lang::En {
        let sentence = scan
            .doc
            .sentence_at(scan.base + whole.start())
            .map(|s| scan.doc.prose(scan.doc.sentences[s].span).to_lowercase())
            .unwrap_or_default();
        let sport = [
            "game",
            "score",
            "scored",
            "touchdown",
            "points",
            "goal",
            "period",
            "halftime",
            "basket",
            "yards",
            "lead",
        ];
        if sport.iter().any(|w| sentence.contains(w)) {
            return None;
        }
    }
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Period { year, month, precision },
    ))
}

/// "the first six months of the year", "les six premiers mois de l'année".
fn first_months(_g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let year = group(caps, "year").and_then(|y| y.as_str().parse().ok());
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Period {
            year,
            month: 1,
            precision: Precision::Year,
        },
    ))
}

fn unit_of(s: &str) -> Option<Unit> {
    let s = norm(s);
    Some(if s.starts_with("day") || s.starts_with("jour") {
        Unit::Day
    } else if s.starts_with("week") || s.starts_with("semaine") {
        Unit::Week
    } else if s.starts_with("month") || s == "mois" {
        Unit::Month
    } else if s.starts_with("decade") || s.starts_with("décenn") {
        Unit::Decade
    } else if s.starts_with("year") || s.starts_with("an") {
        Unit::Year
    } else {
        return None;
    })
}

/// "two days ago", "il y a trois jours", "two months later", "dans deux semaines", "in one week".
fn count(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let n_text = group(caps, "n")?.as_str();
    let n = g.number(n_text)?;
    let approx = group(caps, "approx").is_some() || g.vague.contains(&norm(n_text));
    let unit = unit_of(group(caps, "unit")?.as_str())?;
    let lower = norm(whole.as_str());
    let after = scan.text[whole.end()..].trim_start();
    let (sign, anchored) = if lower.starts_with("il y a") {
        // "il y a deux ans que…" is a duration.
        if after.starts_with("que") || after.starts_with("qu'") || after.starts_with("qu’") {
            return None;
        }
        (-1, false)
    } else if let Some(dir) = group(caps, "dir") {
        match norm(dir.as_str()).as_str() {
            "ago" => (-1, false),
            "from now" => (1, false),
            "later" | "plus tard" => (1, true),
            _ => (-1, true),
        }
    } else if group(caps, "dans").is_some() {
        (1, false)
    } else {
        // "in two weeks": a date only in a clause in the future tense, and not "in two weeks of".
        let future = g.is_future(scan, scan.span(whole.start(), whole.end()));
        if !future || after.starts_with("of") || n > 31 {
            return None;
        }
        (1, false)
    };
    if n > 400 {
        return None;
    }
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Offset {
            unit,
            n: sign * n,
            anchored,
            exact: true,
            approx,
        },
    ))
}

/// "Sunday", "on Monday", "last Friday", "dimanche", "samedi prochain", "ce vendredi".
fn weekday(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let text = scan.text;
    let whole = caps.get(0)?;
    let w = group(caps, "wd")?;
    let wd = g.weekday(w.as_str())?;
    // Plural or glued: "Sundays", "lundis".
    if text[w.end()..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    if g.lang == Lang::En && !is_capitalized(w.as_str()) {
        return None;
    }
    // Names: "Black Friday", "Sunday Times", "mardi gras".
    let named = lang::date_named_weekdays(g.lang);
    let this = norm(w.as_str());
    let prev = norm(prev_word(text, w.start()));
    let next = norm(next_word(text, w.end()));
    let next2 = {
        let n1 = next_word(text, w.end());
        let pos = text[w.end()..].find(n1).map_or(w.end(), |i| w.end() + i + n1.len());
        norm(next_word(text, pos))
    };
    if named.contains(&format!("{prev} {this}"))
        || named.contains(&format!("{this} {next}"))
        || named.contains(&format!("{this} {next} {next2}"))
    {
        return None;
    }
    // "every Sunday", "chaque lundi": a habit, not a date.
    if matches!(prev.as_str(), "every" | "each" | "chaque") {
        return None;
    }
    // French "le lundi" alone is a habit (every Monday), not a date.
    if g.lang == Lang::Fr && prev == "le" && group(caps, "post").is_none() {
        return None;
    }
    let mode = match (
        group(caps, "pre").map(|m| norm(m.as_str())),
        group(caps, "post").map(|m| norm(m.as_str())),
    ) {
        (_, Some(p)) if p == "dernier" || p == "passé" => Mode::Last,
        (_, Some(p)) if p == "prochain" => Mode::NextWeek,
        (_, Some(p)) if p == "suivant" => Mode::AnchorNext,
        (_, Some(p)) if p == "précédent" => Mode::AnchorPrev,
        (Some(p), _) if p == "last" => Mode::Last,
        (Some(p), _) if p == "next" => Mode::NextWeek,
        (Some(p), _) if p == "this coming" => Mode::Coming,
        _ => Mode::Recent,
    };
    let mut c = cand(scan, whole.start(), whole.end(), Kind::Weekday { wd, mode });
    if group(caps, "pre").is_none() && group(caps, "post").is_none() {
        c.span = scan.span(w.start(), w.end());
    }
    Some(c)
}

/// "yesterday", "la semaine dernière", "le lendemain"…
fn relative_phrase(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let (unit, n, anchored) = *g.relative.get(&norm(whole.as_str()))?;
    let after = &scan.text[whole.end()..];
    // "cette année-là", "that year" are anchored elsewhere.
    if after.starts_with("-là") {
        return None;
    }
    // "la veille de l'élection", "the day before the vote": relative to what follows.
    if anchored {
        let next = norm(next_word(scan.text, whole.end()));
        if matches!(
            next.as_str(),
            "de" | "du" | "des" | "d'" | "the" | "a" | "an" | "his" | "her" | "its" | "their"
        ) || next.starts_with("d'")
            || after.trim_start().starts_with("d’")
        {
            return None;
        }
    }
    Some(cand(
        scan,
        whole.start(),
        whole.end(),
        Kind::Offset {
            unit,
            n,
            anchored,
            exact: false,
            approx: false,
        },
    ))
}

/// "Christmas", "Labor Day", "Election Day", "Pâques".
fn holiday(g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let h = group(caps, "hol")?;
    if h.as_str().chars().any(char::is_alphabetic) && !h.as_str().chars().any(char::is_uppercase) {
        return None;
    }
    if scan.text[whole.end()..].starts_with(|c: char| c.is_ascii_digit() || c == '/') {
        return None;
    }
    let rule = *g.holidays.get(&norm(h.as_str()))?;
    let year = group(caps, "year").and_then(|y| y.as_str().parse().ok());
    Some(cand(scan, whole.start(), whole.end(), Kind::Holiday { rule, year }))
}

/// "2017-06-26", "26/06/2017" (day first in French and British English), "06/26/2017" (US).
fn numeric(_g: &Grammar, scan: &Scan<'_>, caps: &Caps<'_>) -> Option<Cand> {
    let whole = caps.get(0)?;
    let text = scan.text;
    // "2019-11-18T10:00": the time is not part of the date.
    let with_time = whole.as_str().ends_with(['T', 't']);
    let end = whole.end() - usize::from(with_time);
    if text[..whole.start()].ends_with(|c: char| c.is_ascii_digit() || c == '/' || c == '.' || c == '-')
        || (!with_time && text[end..].starts_with(|c: char| c.is_ascii_digit() || c == '/' || c == '-'))
    {
        return None;
    }
    let y = int(caps, "y")? as i32;
    let (m, d) = if let (Some(m), Some(d)) = (int(caps, "m"), int(caps, "d")) {
        (m, d)
    } else {
        let (a, b) = (int(caps, "a")?, int(caps, "b")?);
        // The separator must repeat ("26/06/2017", not "26/06.2017").
        let sep = group(caps, "sep")?.as_str();
        if !whole.as_str()[group(caps, "b")?.end() - whole.start()..].starts_with(sep) {
            return None;
        }
        if a > 12 || (b <= 12 && scan.day_first) {
            (b, a)
        } else {
            (a, b)
        }
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2199).contains(&y) {
        return None;
    }
    Some(cand(
        scan,
        whole.start(),
        end,
        Kind::Calendar {
            stated: Stated {
                year: Some(y),
                month: Some(m as u32),
                day: Some(d as u32),
            },
            shift: 0,
        },
    ))
}

/// Keeps the longest of overlapping readings (the first on ties), in text order.
pub(super) fn keep_longest(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.span.start));
    // The kept spans by (start, end): they do not overlap, so their ends rise with their starts,
    // and the last one starting before a span's end is the only one that can overlap it.
    let mut kept: BTreeMap<(usize, usize), Cand> = BTreeMap::new();
    for c in cands {
        let overlaps = kept
            .range(..(c.span.end, 0))
            .next_back()
            .is_some_and(|(_, k)| !(k.span.end <= c.span.start || c.span.end <= k.span.start));
        if !overlaps {
            kept.insert((c.span.start, c.span.end), c);
        }
    }
    kept.into_values().collect()
}
