//! Who said it: cues (speech verbs, "according to", French inversions), speakers (names,
//! descriptions, pronouns resolved to the nearest named source), and the kind of each quotation.
//!
//! The search reads words at the quotation's own level (a nested quotation reads the words of the
//! quotation around it), in this order: an incise inside the quotation (« …, a-t-il estimé, … »),
//! the words right after it ("…," she said), the words before it in its sentence ("X said: …"),
//! the rest of its sentence (", selon X"), a lead-in sentence ending with a colon; then, between
//! quotations, the same speaker for consecutive quotations and continuation paragraphs.

mod cues;
mod kinds;
mod names;
mod phrases;

use std::borrow::Cow;
use std::sync::LazyLock;

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};

use super::marks::{Form, Raw};
use super::{Cue, Quote, QuoteKind, Speaker};
use crate::analysis::document::Document;
use crate::analysis::extract::{Entity, EntityType};
use crate::config::Config;
use crate::lang::{self, Lang, WordList};
use crate::markup::BlockKind;
use crate::text::Span;

#[derive(Debug, Clone)]
struct Tok {
    span: Span,
    /// Lowercased, ’ read as ' (inline: a word rarely needs the heap, and there is one per word).
    lower: CompactString,
    upper: bool,
    sentence: usize,
    block: usize,
    /// The innermost quotation containing the word.
    owner: Option<usize>,
}

/// A cue and the words naming its source.
#[derive(Debug, Clone)]
struct Found {
    cue: Span,
    /// Token range of the source's noun phrase.
    speaker: Option<(usize, usize)>,
    /// A pronoun inside an inverted verb (`a-t-il`), standing for the source.
    pronoun: Option<Span>,
    /// Found right after the closing mark (shared with quotations listed just before).
    near: bool,
}

/// A source named in the narrative: the subject of a speech verb ("Graham told the AP…").
#[derive(Debug, Clone)]
struct Source {
    span: Span,
    cue: Span,
    block: usize,
    sentence: usize,
    name: String,
    /// Named with a speech verb (else only a person introduced as a sentence's subject).
    spoke: bool,
}

struct Lists {
    verbs: Cow<'static, FxHashSet<String>>,
    cues: &'static [Vec<String>],
    pronouns: &'static WordList,
    nouns: &'static WordList,
    scare: &'static [Vec<String>],
    adverbs: &'static WordList,
    breaks: &'static WordList,
    dets: &'static WordList,
    conj: &'static WordList,
}

struct Ctx<'a> {
    doc: &'a Document,
    lang: Lang,
    toks: Vec<Tok>,
    lists: Lists,
    entities: &'a [Entity],
    raw: &'a [Raw],
    parent: Vec<Option<usize>>,
    /// What pronouns already said of a source: `true` for she/elle, `false` for he/il.
    genders: std::cell::RefCell<std::collections::HashMap<String, bool>>,
    /// Each lowercase word's tokens, in text order; built on first use.
    by_lower: std::cell::OnceCell<FxHashMap<CompactString, Vec<usize>>>,
    /// [`Ctx::runs_ending_in`] of each word asked about.
    name_runs: std::cell::RefCell<FxHashMap<CompactString, NameRuns>>,
    /// Each person mention's text and the first person entity with that mention; built on first use.
    persons: std::cell::OnceCell<FxHashMap<&'a str, usize>>,
    /// [`Ctx::person_mentions`], built on first use.
    person_mentions: std::cell::OnceCell<Vec<(usize, Option<usize>, usize)>>,
    /// [`Ctx::first_quotation_of_block`], built on first use.
    first_of_block: std::cell::OnceCell<FxHashMap<usize, usize>>,
}

/// Token ranges `(first, last)` of runs of capitals: the full names a surname may stand for.
type NameRuns = std::rc::Rc<[(usize, usize)]>;

fn norm(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// [`norm`] into a [`CompactString`], without allocating for the short ASCII words most are.
fn norm_compact(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut lower = CompactString::from(s);
        lower.make_ascii_lowercase();
        lower
    } else {
        CompactString::from(norm(s))
    }
}

/// A phrase from a word list as the words the document splits it into (`d'après` -> `d'`, `après`).
fn phrase_words(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in p.split_whitespace() {
        let w = norm(w);
        match w.find('\'') {
            Some(i) if i > 0 && i + 1 < w.len() && !w.contains('-') => {
                out.push(w[..=i].to_owned());
                out.push(w[i + 1..].to_owned());
            }
            _ => out.push(w),
        }
    }
    out
}

/// The forms of the bundled speech verbs, built once per language.
pub(super) fn bundled_verb_forms(lang: Lang) -> &'static FxHashSet<String> {
    static EN: LazyLock<FxHashSet<String>> = LazyLock::new(|| verb_forms(Lang::En, &[]));
    static FR: LazyLock<FxHashSet<String>> = LazyLock::new(|| verb_forms(Lang::Fr, &[]));
    lang.pick(&EN, &FR)
}

/// The forms of the speech verbs with the configuration's extra ones: the bundled set when there
/// are none (the usual case), a set of their own otherwise.
fn speech_verb_forms(lang: Lang, extra: &[String]) -> Cow<'static, FxHashSet<String>> {
    if extra.is_empty() {
        Cow::Borrowed(bundled_verb_forms(lang))
    } else {
        Cow::Owned(verb_forms(lang, extra))
    }
}

/// The attribution cues ("according to", "selon") as the words the document splits them into.
static CUES_EN: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrases_of(lang::attribution_cues(Lang::En)));
static CUES_FR: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrases_of(lang::attribution_cues(Lang::Fr)));
/// The scare-quote cues ("so-called", "baptisé") as the words the document splits them into.
static SCARE_EN: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrases_of(lang::scare_cues(Lang::En)));
static SCARE_FR: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| phrases_of(lang::scare_cues(Lang::Fr)));

fn phrases_of(list: &WordList) -> Vec<Vec<String>> {
    list.entries().iter().map(|e| phrase_words(e)).collect()
}

/// The forms of the speech verbs: French first-group infinitives expand into their forms.
fn verb_forms(lang: Lang, extra: &[String]) -> FxHashSet<String> {
    let mut set = FxHashSet::default();
    let entries = lang::speech_verbs(lang).entries().iter().cloned();
    let extra = extra.iter().filter_map(|e| e.split_whitespace().last().map(norm));
    for e in entries.chain(extra) {
        if lang == Lang::Fr
            && let Some(stem) = e.strip_suffix("er")
            && stem.chars().count() >= 2
        {
            for end in [
                "e", "ent", "é", "ée", "és", "ées", "ait", "aient", "ant", "a", "èrent", "era", "eront",
            ] {
                let end = match (stem.chars().last(), end.chars().next()) {
                    (Some('c'), Some('a' | 'o')) => format!("ç{end}"),
                    (Some('g'), Some('a' | 'o')) => format!("e{end}"),
                    _ => end.to_owned(),
                };
                let stem = if end.starts_with('ç') {
                    &stem[..stem.len() - 1]
                } else {
                    stem
                };
                set.insert(format!("{stem}{end}"));
            }
        }
        set.insert(e);
    }
    set
}

/// Kinds, cues and speakers for the quotations the marks delimit.
pub(super) fn attribute(doc: &Document, config: &Config, entities: &[Entity], raw: &[Raw]) -> Vec<Quote> {
    let lang = doc.lang;
    let lists = Lists {
        verbs: speech_verb_forms(lang, config.lexicon("speech_verbs", lang)),
        cues: lang.pick(&CUES_EN, &CUES_FR),
        pronouns: lang::speaker_pronouns(lang),
        nouns: lang::source_nouns(lang),
        scare: lang.pick(&SCARE_EN, &SCARE_FR),
        adverbs: lang::cue_adverbs(lang),
        breaks: lang::source_phrase_breaks(lang),
        dets: lang::source_determiners(lang),
        conj: lang::clause_conjunctions(lang),
    };
    // Nesting: the innermost quotation around each one.
    let contents: Vec<Span> = raw.iter().map(|r| r.content).collect();
    let parent = innermost_around(&contents);
    // The innermost quotation around each word: longest first, inner ones overwrite.
    let mut owners: Vec<Option<usize>> = vec![None; doc.words.len()];
    let mut by_len: Vec<usize> = (0..raw.len()).collect();
    by_len.sort_by_key(|&j| std::cmp::Reverse(raw[j].content.len()));
    for j in by_len {
        let c = raw[j].content;
        let a = doc.words.partition_point(|w| w.span.start < c.start);
        let b = doc.words.partition_point(|w| w.span.start < c.end);
        for (k, o) in owners.iter_mut().enumerate().take(b).skip(a) {
            if c.contains_span(doc.words[k].span) {
                *o = Some(j);
            }
        }
    }
    let mut toks = Vec::with_capacity(doc.words.len());
    for (w, owner) in doc.words.iter().zip(owners) {
        let text = doc.slice(w.span);
        toks.push(Tok {
            span: w.span,
            lower: norm_compact(text),
            upper: text.chars().next().is_some_and(char::is_uppercase),
            sentence: w.sentence,
            block: doc.sentences[w.sentence].block,
            owner,
        });
    }
    let cx = Ctx {
        doc,
        lang,
        toks,
        lists,
        entities,
        raw,
        parent,
        genders: Default::default(),
        by_lower: Default::default(),
        name_runs: Default::default(),
        persons: Default::default(),
        person_mentions: Default::default(),
        first_of_block: Default::default(),
    };
    cx.run()
}

/// The sources of one sentence (sources come in sentence order).
fn sentence_sources(sources: &[Source], sentence: usize) -> &[Source] {
    let from = sources.partition_point(|src| src.sentence < sentence);
    let to = sources.partition_point(|src| src.sentence <= sentence);
    &sources[from..to]
}

/// For each span, the shortest other span containing it (the first such in the list when
/// several are as short), spans equal to it aside.
///
/// A sweep in order of start: the spans begun and not yet ended are the only ones that can
/// contain the next, and there are as few of them as quotations are nested deep.
fn innermost_around(spans: &[Span]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut parent = vec![None; spans.len()];
    // The open spans by (end, index).
    let mut open: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for group in order.chunk_by(|&a, &b| spans[a].start == spans[b].start) {
        let start = spans[group[0]].start;
        // Spans ending before this start can contain neither these spans nor later ones.
        while open.first().is_some_and(|&(end, _)| end < start) {
            open.pop_first();
        }
        open.extend(group.iter().map(|&i| (spans[i].end, i)));
        for &i in group {
            parent[i] = open
                .range((spans[i].end, 0)..)
                .map(|&(_, j)| j)
                .filter(|&j| j != i && spans[j] != spans[i])
                .min_by_key(|&j| (spans[j].len(), j));
        }
    }
    parent
}

impl<'a> Ctx<'a> {
    /// The tokens whose lowercase form is `lower`, in text order.
    fn tokens_lowered(&self, lower: &str) -> &[usize] {
        let index = self.by_lower.get_or_init(|| {
            let mut index: FxHashMap<CompactString, Vec<usize>> = FxHashMap::default();
            for (k, t) in self.toks.iter().enumerate() {
                index.entry(t.lower.clone()).or_default().push(k);
            }
            index
        });
        index.get(lower).map_or(&[], Vec::as_slice)
    }

    /// Every mention of a person as (start, block, entity), by start; mentions starting at one
    /// offset in the order of the entities and of their mentions.
    fn person_mentions(&self) -> &[(usize, Option<usize>, usize)] {
        self.person_mentions.get_or_init(|| {
            let mut mentions: Vec<(usize, Option<usize>, usize)> = self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == EntityType::Person)
                .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span.start, i)))
                .map(|(p, i)| (p, self.doc.block_at(p), i))
                .collect();
            mentions.sort_by_key(|&(p, _, _)| p);
            mentions
        })
    }

    /// The first outermost quotation starting in each block, by block.
    fn first_quotation_of_block(&self) -> &FxHashMap<usize, usize> {
        self.first_of_block.get_or_init(|| {
            let mut first = FxHashMap::default();
            for (i, r) in self.raw.iter().enumerate() {
                if self.parent[i].is_none()
                    && let Some(b) = self.doc.block_at(r.content.start)
                {
                    first.entry(b).or_insert(i);
                }
            }
            first
        })
    }

    /// The first person entity with a mention written `text`.
    fn person_mentioned_as(&self, text: &str) -> Option<&'a Entity> {
        let index = self.persons.get_or_init(|| {
            let mut index = FxHashMap::default();
            for (i, e) in self.entities.iter().enumerate() {
                if e.kind == EntityType::Person {
                    for m in &e.mentions {
                        index.entry(self.doc.slice(m.span)).or_insert(i);
                    }
                }
            }
            index
        });
        index.get(text).map(|&i| &self.entities[i])
    }
}

impl Ctx<'_> {
    fn run(&self) -> Vec<Quote> {
        let n = self.raw.len();
        let mut quotes: Vec<Quote> = Vec::with_capacity(n);
        let mut found: Vec<Option<Found>> = Vec::with_capacity(n);
        for (i, r) in self.raw.iter().enumerate() {
            let f = match r.form {
                Form::Marks(_) | Form::BlockQuote => self.find(i),
                Form::Dash | Form::Interview => None,
            };
            let in_title = self.in_title(r.content.start);
            // Words quoted inside someone's quotation are theirs unless they name something.
            let quoted_within =
                self.parent[i].is_some_and(|p| quotes.get(p).is_some_and(|q| q.kind != QuoteKind::Scare));
            let owns = f.as_ref().is_some_and(|f| self.cue_owns(i, f));
            let kind = self.kind(i, owns || quoted_within, in_title);
            let f = if kind == QuoteKind::Scare { None } else { f };
            let conventional = matches!(r.form, Form::Dash | Form::Interview);
            quotes.push(Quote {
                span: r.content,
                open: r.open,
                close: r.close,
                kind,
                speaker: None,
                cue: f.as_ref().map(|f| Cue { span: f.cue }),
                attributed: f.is_some() || conventional,
                parent: self.parent[i],
                in_title,
            });
            found.push(f);
        }
        // « A », « B », selon X: quotations listed before a cue share it.
        for i in (0..n).rev() {
            if found[i].as_ref().is_some_and(|f| f.near) || quotes[i].kind == QuoteKind::Scare {
                continue;
            }
            let Some(j) = (i + 1..n).find(|&j| self.parent[j] == self.parent[i]) else {
                continue;
            };
            let (_, end) = self.bounds(i);
            let (nstart, _) = self.bounds(j);
            let between = self.doc.markup.prose.get(end..nstart).unwrap_or("x");
            let listed = between.chars().all(|c| !c.is_alphanumeric()) && between.contains(',')
                || matches!(norm(between.trim()).as_str(), "et" | "and" | "ou" | "or");
            if listed && found[j].as_ref().is_some_and(|f| f.near) {
                found[i] = found[j].clone();
                quotes[i].cue = found[i].as_ref().map(|f| Cue { span: f.cue });
                quotes[i].attributed = true;
            }
        }
        let sources = self.sources();
        // Speakers in text order, so pronouns resolve to sources already met.
        let mut named: Vec<(usize, String)> = Vec::new();
        for i in 0..n {
            let Some(f) = found[i].as_ref() else { continue };
            let Some((a, b)) = f.speaker else { continue };
            let (span, name) = match f.pronoun {
                Some(p) => (
                    p,
                    self.antecedent(a, &named, &sources)
                        .unwrap_or_else(|| self.doc.slice(p).to_owned()),
                ),
                None => {
                    let span = Span::new(self.toks[a].span.start, self.toks[b - 1].span.end);
                    let mut name = self.name(a, b, &named, &sources);
                    // "le chef du gouvernement", "the judge": a definite description of a person
                    // already named.
                    let definite = lang::source_definite_articles(self.lang).contains(&self.toks[a].lower);
                    let person = (a..b).any(|x| self.lists.nouns.contains(&self.toks[x].lower));
                    if definite
                        && person
                        && !(a..b).any(|x| self.toks[x].upper && x != a)
                        && let Some(n) = self.titled(a, b).or_else(|| self.antecedent(a, &named, &sources))
                        && n.chars().next().is_some_and(char::is_uppercase)
                    {
                        name = n;
                    }
                    (span, name)
                }
            };
            let pronoun = f.pronoun.is_some() || (b - a == 1 && self.lists.pronouns.contains(&self.toks[a].lower));
            if pronoun && let Some(g) = self.pronoun_gender(a) {
                self.genders.borrow_mut().entry(name.clone()).or_insert(g);
            }
            if !pronoun || name.chars().next().is_some_and(char::is_uppercase) {
                named.push((span.start, name.clone()));
            }
            quotes[i].speaker = Some(Speaker { span, name });
        }
        self.inherit(&mut quotes, &sources);
        quotes
    }

    /// Every source the narrative names with a speech verb, in text order.
    fn sources(&self) -> Vec<Source> {
        let mut out = Vec::new();
        let mut t = 0;
        while t < self.toks.len() {
            let s = self.toks[t].sentence;
            let end = self.toks.partition_point(|x| x.sentence <= s);
            let l: Vec<usize> = (t..end).filter(|&x| self.toks[x].owner.is_none()).collect();
            for (k, &x) in l.iter().enumerate() {
                let found = if let Some(len) = self.attribution_cue(x) {
                    self.np_forward(x + len, &l)
                        .map(|sp| (sp, Span::new(self.toks[x].span.start, self.toks[x + len - 1].span.end)))
                } else if self.is_verb(x) && !self.participle(x) {
                    let (cue, _) = self.verb_span(x, &l);
                    let first = l
                        .iter()
                        .position(|&y| self.toks[y].span.start >= cue.start)
                        .unwrap_or(k);
                    let after_comma = first > 0 && self.breaks_after(l[first - 1]);
                    // ", note aussi la Drees.": an inverted subject closing the sentence.
                    let inverted = after_comma
                        .then(|| self.np_forward(x + 1, &l))
                        .flatten()
                        .filter(|&(a, e)| {
                            (l.last().is_some_and(|&z| z + 1 == e) || self.gap(e - 1).contains([',', '.']))
                                && (self.toks[a].upper || self.lists.dets.contains(&self.toks[a].lower))
                        });
                    // "Le préfet, Michel Arnaud, a annoncé…": a named subject in apposition wins.
                    let subject = after_comma.then(|| self.sentence_subject(&l)).flatten();
                    let named_subject = subject.filter(|&(a, b)| (a..b).filter(|&y| self.toks[y].upper).count() >= 2);
                    self.np_backward(&l, first)
                        .or(named_subject)
                        .or(inverted)
                        .or(subject)
                        .map(|sp| (sp, cue))
                } else {
                    None
                };
                if let Some(((a, b), cue)) = found
                    && !(b - a == 1 && self.lists.pronouns.contains(&self.toks[a].lower))
                {
                    out.push(Source {
                        span: Span::new(self.toks[a].span.start, self.toks[b - 1].span.end),
                        cue,
                        block: self.toks[a].block,
                        sentence: s,
                        name: self.name(a, b, &[], &[]),
                        spoke: true,
                    });
                }
            }
            // A person introduced as the sentence's subject: "Jane Doe, the mayor, wants…".
            if let Some((a, b)) = self.sentence_subject(&l)
                && (a..b).any(|x| self.toks[x].upper && !(x == a && self.lists.dets.contains(&self.toks[x].lower)))
                // (Sources come in sentence order: this sentence's are the last ones.)
                && !out
                    .iter()
                    .rev()
                    .take_while(|src: &&Source| src.sentence == s)
                    .any(|src| src.span.start == self.toks[a].span.start)
            {
                let name = self.name(a, b, &[], &[]);
                if name.chars().next().is_some_and(char::is_uppercase) {
                    out.push(Source {
                        span: Span::new(self.toks[a].span.start, self.toks[b - 1].span.end),
                        cue: Span::new(self.toks[a].span.start, self.toks[b - 1].span.end),
                        block: self.toks[a].block,
                        sentence: s,
                        name,
                        spoke: false,
                    });
                }
            }
            t = end;
        }
        out
    }

    /// Does the cue own a short quotation? "According to X" owns its whole sentence; a speech verb
    /// owns a term of three words or fewer only from nearby (eight words at most): in "they
    /// recall that, since then, the country has had a « crisis »", the verb reports the clause,
    /// the quoted word is the writer's.
    fn cue_owns(&self, i: usize, f: &Found) -> bool {
        let c = self.raw[i].content;
        let words = self.toks_between(c.start, c.end).len();
        let first = self.toks.partition_point(|t| t.span.start < f.cue.start);
        if words > 3 || f.pronoun.is_some() || self.attribution_cue(first).is_some() {
            return true;
        }
        let (start, end) = self.bounds(i);
        let (lo, hi) = if f.cue.end <= start {
            (f.cue.end, start)
        } else {
            (end, f.cue.start)
        };
        let level = self.parent[i];
        self.toks_between(lo, hi)
            .iter()
            .filter(|&&t| self.toks[t].owner == level)
            .count()
            <= 8
    }

    fn participle(&self, t: usize) -> bool {
        let w = &self.toks[t].lower;
        match self.lang {
            Lang::En => w.ends_with("ing"),
            Lang::Fr => w.ends_with("ant"),
        }
    }

    /// Same speaker for consecutive quotations, continuation paragraphs, nested quotations and
    /// headline quotations.
    fn inherit(&self, quotes: &mut [Quote], sources: &[Source]) {
        let n = quotes.len();
        for _ in 0..2 {
            for i in 0..n {
                let conventional = matches!(self.raw[i].form, Form::Dash | Form::Interview);
                if quotes[i].speaker.is_some() || quotes[i].kind == QuoteKind::Scare || conventional {
                    continue;
                }
                let from = if let Some(p) = quotes[i].parent {
                    Some(p)
                } else if quotes[i].in_title {
                    self.title_source(quotes, i)
                } else {
                    self.previous_same(quotes, i).or_else(|| self.next_adjacent(quotes, i))
                };
                if let Some(j) = from
                    && (quotes[j].speaker.is_some() || quotes[j].attributed)
                {
                    quotes[i].speaker = quotes[j].speaker.clone();
                    quotes[i].attributed = quotes[j].attributed || quotes[i].in_title;
                    if quotes[i].cue.is_none() {
                        quotes[i].cue = quotes[j].cue;
                    }
                } else if quotes[i].parent.is_none()
                    && !quotes[i].in_title
                    && let Some(src) = self.narrative_source(&quotes[i], i, sources)
                {
                    quotes[i].speaker = Some(Speaker {
                        span: src.span,
                        name: src.name.clone(),
                    });
                    quotes[i].cue = Some(Cue { span: src.cue });
                    quotes[i].attributed = true;
                }
            }
        }
    }

    /// The quotation just before `i` whose speaker continues: in the same paragraph, a few words
    /// back, when `i` starts its sentence; or the end of the previous paragraph when `i` opens its
    /// own paragraph.
    fn previous_same(&self, quotes: &[Quote], i: usize) -> Option<usize> {
        let q = &quotes[i];
        let start = q.open.map_or(q.span.start, |o| o.start);
        let j = (0..i)
            .rev()
            .find(|&j| quotes[j].parent.is_none() && quotes[j].kind != QuoteKind::Scare)?;
        let p = &quotes[j];
        let pend = p.close.map_or(p.span.end, |c| c.end);
        if pend > start {
            return None;
        }
        let bq = self.doc.block_at(start)?;
        let bp = self.doc.block_at(pend.saturating_sub(1))?;
        if bq == bp {
            // "…," he said. "…": a direct quotation in the same or the next sentence.
            let (sp, sq) = (self.sentence_of(pend.saturating_sub(1)), self.sentence_of(q.span.start));
            return (sq <= sp + 1).then_some(j);
        }
        let block_start = self.doc.blocks()[bq].span.start;
        let opens_block = self.doc.markup.prose[block_start..start].trim().is_empty();
        let adjacent = bp + 1 == bq;
        let prev_block_text = self.doc.blocks()[bp].span;
        // The previous paragraph ends with that quotation's sentence.
        let tail = self.toks_between(pend, prev_block_text.end);
        let ends_prev = tail.len() <= 15 && tail.iter().all(|&t| self.toks[t].sentence == self.sentence_of(pend));
        // Or the first quotation of a paragraph right after one whose last quotation has a source.
        let first_of_block = self.first_quotation_of_block().get(&bq).is_none_or(|&first| first >= i);
        (adjacent && (opens_block && ends_prev || first_of_block)).then_some(j)
    }

    /// The quotation right after `i`, with nothing but spaces or punctuation between: "A." "B," he said.
    fn next_adjacent(&self, quotes: &[Quote], i: usize) -> Option<usize> {
        let q = &quotes[i];
        let end = q.close.map_or(q.span.end, |c| c.end);
        let j = (i + 1..quotes.len()).find(|&j| quotes[j].parent == q.parent)?;
        let nstart = quotes[j].open.map_or(quotes[j].span.start, |o| o.start);
        (nstart >= end
            && self.doc.block_at(end.saturating_sub(1)) == self.doc.block_at(nstart)
            && self.toks_between(end, nstart).is_empty())
        .then_some(j)
    }

    /// A quotation with no cue of its own, credited by the narrative just before it: the previous
    /// sentence of its paragraph names a source ("Musutua says… “…”"), or the quotation is a
    /// paragraph of its own after a paragraph that names one.
    fn narrative_source<'s>(&self, q: &Quote, i: usize, sources: &'s [Source]) -> Option<&'s Source> {
        let left = self.left(i);
        // Nothing before it in its sentence but an opener ("En revanche, « … »").
        if q.kind == QuoteKind::Scare {
            return None;
        }
        // "Samsung plans to use it «…»": the sentence's subject is a source met just before.
        let run = left.iter().take_while(|&&t| self.toks[t].upper).count();
        let leading = left.first().is_some_and(|&t| {
            !self.lists.dets.contains(&self.toks[t].lower) && !self.lists.breaks.contains(&self.toks[t].lower)
        });
        if leading && run > 0 {
            let (a, last) = (left[0], left[run - 1]);
            let word = &self.toks[last].lower;
            let block = self.toks[last].block;
            // Sources come in sentence order; those of later sentences end after `a` starts.
            let upto = sources.partition_point(|src| src.sentence <= self.toks[a].sentence);
            if let Some(src) = sources[..upto].iter().rev().find(|src| {
                src.spoke
                    && src.span.end <= self.toks[a].span.start
                    && src.block + 3 >= block
                    && src.name.split_whitespace().any(|w| norm(w) == *word)
            }) {
                return Some(src);
            }
        }
        // A direct quotation starts its sentence (after at most an opener: "En revanche, « … »").
        if left.len() > 3 && q.kind == QuoteKind::Direct {
            return None;
        }
        let start = q.open.map_or(q.span.start, |o| o.start);
        let s = self.sentence_of(q.span.start);
        let b = self.doc.sentences[s].block;
        let prev = s.checked_sub(1)?;
        if self.doc.sentences[prev].block == b {
            return sentence_sources(sources, prev)
                .iter()
                .rev()
                .find(|src| src.span.start < start);
        }
        if left.len() > 3 {
            return None;
        }
        // A paragraph that is only the quotation.
        let end = q.close.map_or(q.span.end, |c| c.end);
        let block = self.doc.blocks()[b].span;
        let rest = &self.doc.markup.prose[end.min(block.end)..block.end];
        let standalone = self.doc.markup.prose[block.start..start.max(block.start)]
            .trim()
            .is_empty()
            && rest.chars().all(|c| !c.is_alphanumeric());
        let pb = self.doc.sentences[prev].block;
        if !standalone || pb + 1 != b || self.doc.is_heading(pb) {
            return None;
        }
        // Sources come in sentence order, so in block order too.
        let (from, to) = (
            sources.partition_point(|src| src.block < pb),
            sources.partition_point(|src| src.block <= pb),
        );
        sources[from..to].iter().rev().find(|src| {
            src.name.chars().next().is_some_and(char::is_uppercase)
                && (src.spoke || src.name.split_whitespace().count() >= 2)
        })
    }

    /// A headline quotation takes the source of the first quotation with one in the next
    /// paragraphs.
    fn title_source(&self, quotes: &[Quote], i: usize) -> Option<usize> {
        let b = self.doc.block_at(quotes[i].span.start)?;
        (i + 1..quotes.len()).find(|&j| {
            quotes[j].speaker.is_some()
                && !quotes[j].in_title
                && self.doc.block_at(quotes[j].span.start).is_some_and(|bj| bj <= b + 3)
        })
    }

    fn toks_between(&self, start: usize, end: usize) -> Vec<usize> {
        let a = self.toks.partition_point(|t| t.span.start < start);
        let b = self.toks.partition_point(|t| t.span.start < end);
        (a..b.max(a)).filter(|&t| self.toks[t].span.end <= end).collect()
    }

    fn sentence_of(&self, offset: usize) -> usize {
        self.doc
            .sentence_at(offset)
            .or_else(|| self.doc.sentence_at(offset.saturating_sub(1)))
            .unwrap_or(0)
    }

    /// A headline, or a short title line without final punctuation.
    fn in_title(&self, offset: usize) -> bool {
        let Some(b) = self.doc.block_at(offset) else {
            return false;
        };
        let block = self.doc.blocks()[b];
        if block.kind == BlockKind::Heading {
            return true;
        }
        let text = block.span.text(&self.doc.markup.prose).trim_end();
        let stripped = text.trim_end_matches(['”', '"', '’', '\'', '»', ' ', '\u{a0}', '\u{202f}']);
        // Tokens are in text order, so a block's are one run: count it by binary search.
        let words = self.toks.partition_point(|t| t.block <= b) - self.toks.partition_point(|t| t.block < b);
        words <= 20 && !stripped.ends_with(['.', '!', '?', ':', ';', '…', ','])
    }

    // ---- context -------------------------------------------------------------------------

    fn bounds(&self, i: usize) -> (usize, usize) {
        let r = &self.raw[i];
        (
            r.open.map_or(r.content.start, |o| o.start),
            r.close.map_or(r.content.end, |c| c.end),
        )
    }

    /// Words before the quotation in its sentence, at its level.
    fn left(&self, i: usize) -> Vec<usize> {
        let (start, _) = self.bounds(i);
        let s = self.sentence_of(self.raw[i].content.start);
        let level = self.parent[i];
        let a = self.toks.partition_point(|t| t.sentence < s);
        let b = self.toks.partition_point(|t| t.span.start < start);
        (a..b.max(a))
            .filter(|&t| self.toks[t].owner == level && self.toks[t].span.end <= start)
            .collect()
    }

    /// Words after the quotation in its sentence, at its level.
    fn right(&self, i: usize) -> Vec<usize> {
        let (_, end) = self.bounds(i);
        let s = self.sentence_of(self.raw[i].content.end.saturating_sub(1));
        let level = self.parent[i];
        // “…?” Wallace asked: the sentence ends inside the marks, its cue opens the next one.
        let sentence = self.doc.sentences[s];
        let closes_sentence = sentence.span.end == end
            && self
                .doc
                .prose(self.raw[i].content)
                .trim_end()
                .ends_with(['.', '?', '!', '…'])
            && self.doc.sentences.get(s + 1).is_some_and(|n| n.block == sentence.block)
            && self.doc.sentence_words(s + 1).len() <= 6;
        let s = if closes_sentence { s + 1 } else { s };
        let a = self.toks.partition_point(|t| t.span.start < end);
        let b = self.toks.partition_point(|t| t.sentence <= s);
        (a..b.max(a)).filter(|&t| self.toks[t].owner == level).collect()
    }

    /// Punctuation between token `t` and the next token.
    fn gap(&self, t: usize) -> &str {
        let end = self.toks.get(t + 1).map_or(self.toks[t].span.end, |n| n.span.start);
        &self.doc.markup.prose[self.toks[t].span.end..end.max(self.toks[t].span.end)]
    }

    fn breaks_after(&self, t: usize) -> bool {
        let gap = self.gap(t);
        if gap.trim() == "." {
            // U.S. Attorney, M. Dupont: an abbreviation's period does not end a phrase.
            let w = self.doc.slice(self.toks[t].span);
            let initial = w.chars().count() <= 2 && w.chars().next().is_some_and(char::is_uppercase);
            if initial || lang::abbreviations(self.lang).contains(&self.toks[t].lower) {
                return false;
            }
        }
        // A soft line break inside one sentence (hard-wrapped Markdown) is a space.
        let line_break = gap.contains('\n')
            && self
                .toks
                .get(t + 1)
                .is_none_or(|n| self.doc.sentence_at(n.span.start) != self.doc.sentence_at(self.toks[t].span.start));
        line_break
            || gap.chars().any(|c| {
                matches!(
                    c,
                    ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '«' | '»' | '“' | '”' | '"' | '—' | '–'
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The sweep finds what comparing every pair of spans finds.
        #[test]
        fn innermost_around_is_the_pairwise_answer(
            bounds in proptest::collection::vec((0..40usize, 0..12usize), 0..30),
        ) {
            let spans: Vec<Span> = bounds.iter().map(|&(start, len)| Span::new(start, start + len)).collect();
            let pairwise: Vec<Option<usize>> = (0..spans.len())
                .map(|i| {
                    (0..spans.len())
                        .filter(|&j| j != i && spans[j].contains_span(spans[i]) && spans[j] != spans[i])
                        .min_by_key(|&j| spans[j].len())
                })
                .collect();
            proptest::prop_assert_eq!(innermost_around(&spans), pairwise);
        }
    }
}
