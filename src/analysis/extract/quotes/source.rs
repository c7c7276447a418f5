//! Who said it: cues (speech verbs, "according to", French inversions), speakers (names,
//! descriptions, pronouns resolved to the nearest named source), and the kind of each quotation.
//!
//! The search reads words at the quotation's own level (a nested quotation reads the words of the
//! quotation around it), in this order: an incise inside the quotation (« …, a-t-il estimé, … »),
//! the words right after it ("…," she said), the words before it in its sentence ("X said: …"),
//! the rest of its sentence (", selon X"), a lead-in sentence ending with a colon; then, between
//! quotations, the same speaker for consecutive quotations and continuation paragraphs.

use std::collections::HashSet;

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
    /// Lowercased, ’ read as '.
    lower: String,
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
    verbs: HashSet<String>,
    cues: Vec<Vec<String>>,
    pronouns: &'static WordList,
    nouns: &'static WordList,
    scare: Vec<Vec<String>>,
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
}

fn norm(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
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

/// The forms of the speech verbs: French first-group infinitives expand into their forms.
pub(super) fn verb_forms(lang: Lang, extra: &[String]) -> HashSet<String> {
    let mut set = HashSet::new();
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
        verbs: verb_forms(lang, config.lexicon("speech_verbs", lang)),
        cues: lang::attribution_cues(lang)
            .entries()
            .iter()
            .map(|e| phrase_words(e))
            .collect(),
        pronouns: lang::speaker_pronouns(lang),
        nouns: lang::source_nouns(lang),
        scare: lang::scare_cues(lang)
            .entries()
            .iter()
            .map(|e| phrase_words(e))
            .collect(),
        adverbs: lang::cue_adverbs(lang),
        breaks: lang::phrase_breaks(lang),
        dets: lang::determiners(lang),
        conj: lang::conjunctions(lang),
    };
    // Nesting: the innermost quotation around each one.
    let parent: Vec<Option<usize>> = (0..raw.len())
        .map(|i| {
            (0..raw.len())
                .filter(|&j| j != i && raw[j].content.contains_span(raw[i].content) && raw[j].content != raw[i].content)
                .min_by_key(|&j| raw[j].content.len())
        })
        .collect();
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
            lower: norm(text),
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
    };
    cx.run()
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
                    let definite = lang::definite_articles(self.lang).contains(&self.toks[a].lower);
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
                && !out
                    .iter()
                    .any(|src: &Source| src.sentence == s && src.span.start == self.toks[a].span.start)
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
        let words = self.toks.iter().filter(|t| c.contains_span(t.span)).count();
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
        let first_of_block = !quotes[..i]
            .iter()
            .any(|o| o.parent.is_none() && self.doc.block_at(o.span.start) == Some(bq));
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
            if let Some(src) = sources.iter().rev().find(|src| {
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
            return sources
                .iter()
                .rev()
                .find(|src| src.sentence == prev && src.span.start < start);
        }
        if left.len() > 3 {
            return None;
        }
        // A paragraph that is only the quotation.
        let end = q.close.map_or(q.span.end, |c| c.end);
        let block = self.doc.blocks()[b].span;
        let rest = &self.doc.markup.prose[end.min(block.end)..block.end];
        let standalone =
            self.doc.markup.prose[block.start..start].trim().is_empty() && rest.chars().all(|c| !c.is_alphanumeric());
        let pb = self.doc.sentences[prev].block;
        if !standalone || pb + 1 != b || self.doc.is_heading(pb) {
            return None;
        }
        sources.iter().rev().find(|src| {
            src.block == pb
                && src.name.chars().next().is_some_and(char::is_uppercase)
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
        let words = self.toks.iter().filter(|t| t.block == b).count();
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
        gap.chars().any(|c| {
            matches!(
                c,
                ',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '«' | '»' | '“' | '”' | '"' | '—' | '–' | '\n'
            )
        })
    }

    // ---- cues ----------------------------------------------------------------------------

    fn find(&self, i: usize) -> Option<Found> {
        self.incise(i)
            .or_else(|| self.right_near(i).map(|f| Found { near: true, ..f }))
            .or_else(|| self.right_attribution(i))
            .or_else(|| self.left_cue(&self.left(i), true))
            .or_else(|| self.right_far(i))
            .or_else(|| self.lead_in(i))
            .or_else(|| self.colon_subject(i))
    }

    /// A French inversion inside the quotation, after a comma or a dash: « …, a-t-il estimé, … ».
    fn incise(&self, i: usize) -> Option<Found> {
        if self.lang != Lang::Fr {
            return None;
        }
        let c = self.raw[i].content;
        let a = self.toks.partition_point(|t| t.span.start < c.start);
        let b = self.toks.partition_point(|t| t.span.start < c.end);
        (a.max(1)..b)
            .filter(|&t| self.toks[t].owner == Some(i))
            .filter(|&t| self.gap(t - 1).contains([',', '–', '—']))
            .find_map(|t| self.inversion(t))
    }

    /// `a-t-il déclaré`, `estime-t-elle`, `dit-il`, `a-t-on appris`: the cue with its pronoun as source.
    fn inversion(&self, t: usize) -> Option<Found> {
        let w = &self.toks[t].lower;
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() < 2 {
            return None;
        }
        let pronoun = *parts.last()?;
        if !matches!(pronoun, "il" | "elle" | "ils" | "elles" | "on") {
            return None;
        }
        let head = parts[0];
        let euphonic = parts.len() == 3 && parts[1] == "t";
        let span = self.toks[t].span;
        let pron_span = Span::new(span.end - pronoun.len(), span.end);
        let aux = self.lists.adverbs.contains(head) && !head.is_empty() && head.len() <= 7;
        if pronoun == "on" {
            // « a-t-on appris auprès de la direction »: the source, when given, follows auprès de.
            return self.verb_after_inversion(t, aux).map(|cue| self.impersonal(cue, t));
        }
        if aux {
            // a-t-il déclaré: the participle follows (maybe after an adverb).
            let mut k = t + 1;
            while k < self.toks.len() && k <= t + 2 && !self.lists.verbs.contains(&self.toks[k].lower) {
                k += 1;
            }
            if k < self.toks.len() && k <= t + 2 && self.lists.verbs.contains(&self.toks[k].lower) {
                return Some(self.pronoun_found(Span::new(span.start, self.toks[k].span.end), t, pron_span));
            }
            return None;
        }
        if self.lists.verbs.contains(head) || euphonic {
            return Some(self.pronoun_found(span, t, pron_span));
        }
        None
    }

    /// The cue of an inversion: the word itself, or with the participle after an auxiliary.
    fn verb_after_inversion(&self, t: usize, aux: bool) -> Option<Span> {
        let span = self.toks[t].span;
        if !aux {
            return Some(span);
        }
        (t + 1..(t + 3).min(self.toks.len()))
            .find(|&k| self.is_verb(k))
            .map(|k| Span::new(span.start, self.toks[k].span.end))
    }

    /// `a-t-on appris auprès de X`: X, or no named source.
    fn impersonal(&self, cue: Span, t: usize) -> Found {
        let s = self.toks[t].sentence;
        let rest: Vec<usize> = (t + 1..self.toks.len())
            .take_while(|&k| self.toks[k].sentence == s)
            .filter(|&k| self.toks[k].owner.is_none())
            .collect();
        let speaker = rest
            .iter()
            .position(|&k| self.toks[k].lower == "auprès")
            .and_then(|p| rest.get(p + 2))
            .and_then(|&k| self.np_forward(k, &rest));
        Found {
            cue,
            speaker,
            pronoun: None,
            near: false,
        }
    }

    fn pronoun_found(&self, cue: Span, t: usize, pron: Span) -> Found {
        Found {
            cue,
            speaker: Some((t, t + 1)),
            pronoun: Some(pron),
            near: false,
        }
    }

    /// Is token `t` an attribution cue ("according to", "selon")? Returns its length in tokens.
    fn attribution_cue(&self, t: usize) -> Option<usize> {
        self.lists.cues.iter().find_map(|c| {
            let ok = c.iter().enumerate().all(|(k, w)| {
                self.toks.get(t + k).is_some_and(|x| &x.lower == w) && (k == 0 || !self.breaks_after(t + k - 1))
            });
            ok.then_some(c.len())
        })
    }

    fn is_verb(&self, t: usize) -> bool {
        self.lists.verbs.contains(&self.toks[t].lower)
    }

    /// The cue right after the quotation: "…," she said / « … », a déclaré X / « … », estime-t-il
    /// / "…," Jane Doe, the mayor, said.
    fn right_near(&self, i: usize) -> Option<Found> {
        let r = self.right(i);
        let first = *r.first()?;
        // Nothing but punctuation between the closing mark and the first word.
        let (_, end) = self.bounds(i);
        if self.doc.markup.prose[end..self.toks[first].span.start].contains(['«', '“', '"', '(']) {
            return None;
        }
        // Verb first (inverted subject): skip adverbs and auxiliaries. In English, without a comma
        // only a passive ("chanted by X") credits the quotation ("“honest” describes her" does
        // not); French writes « … » explique X with or without one.
        let punct = self.lang == Lang::Fr
            || self.doc.markup.prose[end..self.toks[first].span.start].contains(',')
            || self
                .doc
                .prose(self.raw[i].content)
                .trim_end()
                .ends_with([',', '.', '?', '!', '…']);
        let mut k = 0;
        while k < r.len() && k < 3 && self.lists.adverbs.contains(&self.toks[r[k]].lower) && !self.is_verb(r[k]) {
            k += 1;
        }
        if k < r.len() {
            let passive = self.is_verb(r[k])
                && r.get(k + 1)
                    .is_some_and(|&p| matches!(self.toks[p].lower.as_str(), "par" | "by"));
            if passive {
                let (cue, _) = self.verb_span(r[k], &r);
                return Some(Found {
                    cue,
                    speaker: self.np_forward(r[k + 1] + 1, &r),
                    pronoun: None,
                    near: false,
                });
            }
            if let Some(f) = self.verb_cue(&r, k, punct) {
                return Some(f);
            }
        }
        // Subject first: a noun phrase, maybe with an apposition between commas, then the verb.
        if self.lists.breaks.contains(&self.toks[first].lower) {
            return None;
        }
        let mut k = 0;
        while k < r.len() && k < 12 {
            let t = r[k];
            if k > 0 && self.is_verb(t) {
                break;
            }
            k += 1;
            if self.breaks_after(t) {
                break;
            }
        }
        if k == 0 {
            return None;
        }
        // "that he said": the subject starts after the last conjunction.
        let from = (0..k)
            .rev()
            .find(|&x| self.lists.conj.contains(&self.toks[r[x]].lower))
            .map_or(0, |x| x + 1);
        if from >= k {
            return None;
        }
        if self.lists.pronouns.contains(&self.toks[r[from]].lower) && k - from > 1 {
            return None;
        }
        let subject = (r[from], r[k - 1] + 1);
        let mut v = k;
        if self.gap(r[k - 1]).trim() == "," && (from..k).any(|x| self.toks[r[x]].upper) {
            // Skip the apposition up to its closing comma.
            let mut j = k;
            while j < r.len() && j < k + 20 && !self.gap(r[j]).contains(',') {
                if self.gap(r[j]).contains(['.', ';', ':', '!', '?']) {
                    return None;
                }
                j += 1;
            }
            v = j + 1;
        }
        while v < r.len() && self.lists.adverbs.contains(&self.toks[r[v]].lower) && !self.is_verb(r[v]) {
            v += 1;
        }
        if v < r.len() && self.is_verb(r[v]) {
            let (cue, _) = self.verb_span(r[v], &r);
            return Some(Found {
                cue,
                speaker: Some(subject),
                pronoun: None,
                near: false,
            });
        }
        None
    }

    /// A cue at `ctx[k]` whose source follows it: an inversion, "according to X", "said X".
    fn verb_cue(&self, ctx: &[usize], k: usize, verb_ok: bool) -> Option<Found> {
        let t = ctx[k];
        if let Some(f) = self.inversion(t) {
            return Some(f);
        }
        if let Some(len) = self.attribution_cue(t) {
            let cue = Span::new(self.toks[t].span.start, self.toks[t + len - 1].span.end);
            return Some(Found {
                cue,
                speaker: self.np_forward(t + len, ctx),
                pronoun: None,
                near: false,
            });
        }
        if verb_ok && self.is_verb(t) {
            let (cue, after) = self.verb_span(t, ctx);
            let speaker = self.np_forward(after, ctx)?;
            return Some(Found {
                cue,
                speaker: Some(speaker),
                pronoun: None,
                near: false,
            });
        }
        None
    }

    /// A verb with its auxiliary and adverbs: the cue's span and the token after it.
    fn verb_span(&self, t: usize, ctx: &[usize]) -> (Span, usize) {
        let mut start = t;
        while let Some(pos) = ctx.iter().position(|&x| x == start)
            && pos > 0
            && self.lists.adverbs.contains(&self.toks[ctx[pos - 1]].lower)
            && self.toks[ctx[pos - 1]].lower.chars().count() <= 7
            && !self.breaks_after(ctx[pos - 1])
            && !self.toks[ctx[pos - 1]].upper
        {
            start = ctx[pos - 1];
        }
        (Span::new(self.toks[start].span.start, self.toks[t].span.end), t + 1)
    }

    /// The nearest cue before the quotation in its sentence: "X said:", "selon X, « … »", a
    /// participle ("telling his lawyer to…") whose source is the sentence's subject.
    fn left_cue(&self, l: &[usize], _near: bool) -> Option<Found> {
        for k in (0..l.len()).rev() {
            let t = l[k];
            if let Some(f) = self.inversion(t) {
                return Some(f);
            }
            if let Some(len) = self.attribution_cue(t) {
                let cue = Span::new(self.toks[t].span.start, self.toks[t + len - 1].span.end);
                return Some(Found {
                    cue,
                    speaker: self.np_forward(t + len, l),
                    pronoun: None,
                    near: false,
                });
            }
            if !self.is_verb(t) {
                continue;
            }
            let (cue, _) = self.verb_span(t, l);
            let w = &self.toks[t].lower;
            let participle = match self.lang {
                Lang::En => w.ends_with("ing"),
                Lang::Fr => w.ends_with("ant"),
            };
            let first_of_cue = l
                .iter()
                .position(|&x| self.toks[x].span.start >= cue.start)
                .unwrap_or(k);
            // « Et d'ajouter » : a narrative infinitive, its source the one just met.
            if self.lang == Lang::Fr && k > 0 && matches!(self.toks[l[k - 1]].lower.as_str(), "d'" | "de") {
                return Some(Found {
                    cue,
                    speaker: Some((t, t + 1)),
                    pronoun: Some(cue),
                    near: false,
                });
            }
            let speaker = if participle {
                self.sentence_subject(l)
            } else {
                // Inverted after an object pronoun or at a clause's start: « comme l'explique X ».
                let inverted = first_of_cue == 0
                    || self.breaks_after(l[first_of_cue - 1])
                    || self.lists.dets.contains(&self.toks[l[first_of_cue - 1]].lower);
                self.np_backward(l, first_of_cue)
                    .or_else(|| if inverted { self.np_forward(t + 1, l) } else { None })
                    .or_else(|| self.sentence_subject(l))
            };
            return Some(Found {
                cue,
                speaker,
                pronoun: None,
                near: false,
            });
        }
        None
    }

    /// "According to X" / "selon X" later in the quotation's sentence.
    fn right_attribution(&self, i: usize) -> Option<Found> {
        let r = self.right(i);
        r.iter().find_map(|&t| {
            let len = self.attribution_cue(t)?;
            let cue = Span::new(self.toks[t].span.start, self.toks[t + len - 1].span.end);
            Some(Found {
                cue,
                speaker: self.np_forward(t + len, &r),
                pronoun: None,
                near: false,
            })
        })
    }

    /// A cue later in the quotation's sentence: "…" au premier semestre, selon la Drees.
    fn right_far(&self, i: usize) -> Option<Found> {
        let r = self.right(i);
        for (k, &t) in r.iter().enumerate() {
            if let Some(f) = self.inversion(t) {
                return Some(f);
            }
            if let Some(len) = self.attribution_cue(t) {
                let cue = Span::new(self.toks[t].span.start, self.toks[t + len - 1].span.end);
                return Some(Found {
                    cue,
                    speaker: self.np_forward(t + len, &r),
                    pronoun: None,
                    near: false,
                });
            }
            if self.is_verb(t) && k > 0 && self.breaks_after(r[k - 1]) {
                // ", relève l'IPR": a verb opening a clause, its subject after it.
                let (cue, after) = self.verb_span(t, &r);
                return Some(Found {
                    cue,
                    speaker: self.np_forward(after, &r),
                    pronoun: None,
                    near: false,
                });
            }
        }
        None
    }

    /// "X laissait filtrer cette information : « … »": a colon introduces the quotation, the
    /// clause's subject is its source.
    fn colon_subject(&self, i: usize) -> Option<Found> {
        let l = self.left(i);
        let &last = l.last()?;
        let (start, _) = self.bounds(i);
        if !self.doc.markup.prose[self.toks[last].span.end..start]
            .trim()
            .ends_with(':')
        {
            return None;
        }
        // The clause: after the last break before the colon.
        let from = (0..l.len() - 1)
            .rev()
            .find(|&k| self.breaks_after(l[k]))
            .map_or(0, |k| k + 1);
        let clause = &l[from..];
        let window = clause.len().min(6);
        let upper = (0..window).rev().find(|&k| {
            self.toks[clause[k]].upper && !(k == 0 && self.lists.dets.contains(&self.toks[clause[k]].lower))
        })?;
        if (0..upper).any(|k| self.breaks_after(clause[k]) || self.is_verb(clause[k])) {
            return None;
        }
        let cue = self.toks[last].span;
        Some(Found {
            cue: Span::new(cue.end, start),
            speaker: Some((clause[0], clause[upper] + 1)),
            pronoun: None,
            near: false,
        })
    }

    /// The sentence before the quotation ends with a colon and names the source: "X said:".
    fn lead_in(&self, i: usize) -> Option<Found> {
        if !self.left(i).is_empty() || self.parent[i].is_some() {
            return None;
        }
        let s = self.sentence_of(self.raw[i].content.start);
        let prev = s.checked_sub(1)?;
        let ps = self.doc.sentences[prev];
        let b = self.doc.sentences[s].block;
        if b > ps.block + 1 {
            return None;
        }
        let text = self.doc.prose(ps.span).trim_end();
        if !text.ends_with(':') {
            return None;
        }
        let l: Vec<usize> = (0..self.toks.len())
            .filter(|&t| self.toks[t].sentence == prev && self.toks[t].owner.is_none())
            .collect();
        self.left_cue(&l, false)
    }

    // ---- noun phrases --------------------------------------------------------------------

    /// The source named after a cue: "said [veteran strategist James Carville]", "a déclaré
    /// [un responsable militaire] à l'AFP", "selon [la Drees], le service…". Complements before it
    /// ("à l'AFP", "in a statement", "lundi") are skipped.
    fn np_forward(&self, from: usize, ctx: &[usize]) -> Option<(usize, usize)> {
        let pos = ctx.iter().position(|&x| x >= from)?;
        if ctx[pos] != from {
            return None;
        }
        let mut k = pos;
        // Skip complements.
        let mut guard = 0;
        let mut skipped_name: Option<(usize, usize)> = None;
        while k < ctx.len() && guard < 4 {
            guard += 1;
            let w = &self.toks[ctx[k]].lower;
            if self.lists.conj.contains(w) {
                // « confirme pour Jeanne Roy que… »: the complement named the source.
                return skipped_name;
            }
            if self.lists.adverbs.contains(w) && !self.breaks_after(ctx[k]) {
                k += 1;
                continue;
            }
            if self.lists.breaks.contains(w) && !self.breaks_after(ctx[k]) {
                k += 1;
                if k < ctx.len() && self.lists.dets.contains(&self.toks[ctx[k]].lower) {
                    k += 1;
                }
                if k < ctx.len() && self.toks[ctx[k]].upper {
                    let s = k;
                    while k + 1 < ctx.len() && self.toks[ctx[k + 1]].upper && !self.breaks_after(ctx[k]) {
                        k += 1;
                    }
                    skipped_name = (k > s).then(|| (ctx[s], ctx[k] + 1));
                }
                k += 1;
                continue;
            }
            break;
        }
        if k >= ctx.len() {
            return None;
        }
        let a = k;
        if self.lists.pronouns.contains(&self.toks[ctx[a]].lower) {
            return Some((ctx[a], ctx[a] + 1));
        }
        let mut b = k + 1;
        while b < ctx.len()
            && b - a < 8
            && ctx[b] == ctx[b - 1] + 1
            && !self.breaks_after(ctx[b - 1])
            && !self.lists.breaks.contains(&self.toks[ctx[b]].lower)
            && !self.is_verb(ctx[b])
        {
            b += 1;
        }
        // "le PDG, Pekka Lundmark": a description followed by the name.
        let has_name = (a..b).any(|x| self.toks[ctx[x]].upper);
        let det = self.lists.dets.contains(&self.toks[ctx[a]].lower) && b - a <= 4;
        if (!has_name || det) && b < ctx.len() && self.gap(ctx[b - 1]).trim() == "," && self.toks[ctx[b]].upper {
            let mut c = b + 1;
            while c < ctx.len() && self.toks[ctx[c]].upper && !self.breaks_after(ctx[c - 1]) {
                c += 1;
            }
            return Some((ctx[b], ctx[c - 1] + 1));
        }
        let first = self.toks[ctx[a]].lower.as_str();
        if self.lists.breaks.contains(first) || (b - a == 1 && self.lists.dets.contains(first)) {
            return None;
        }
        Some((ctx[a], ctx[b - 1] + 1))
    }

    /// The source named before its verb: "[Harris senior adviser David Plouffe] wrote",
    /// "[she] said", "[le ministre] a déclaré". `end` is the cue's first position in `ctx`. A
    /// phrase cut by a preposition ("Lauren Nel from X in [Cape Town] says") falls back to the
    /// clause's subject when nothing but complements lies between.
    fn np_backward(&self, ctx: &[usize], end: usize) -> Option<(usize, usize)> {
        if end == 0 {
            return None;
        }
        let mut k = end;
        // Skip adverbs right before the verb ("she also said").
        while k > 0 && self.lists.adverbs.contains(&self.toks[ctx[k - 1]].lower) && !self.breaks_after(ctx[k - 1]) {
            k -= 1;
        }
        if k == 0 || self.breaks_after(ctx[k - 1]) {
            return None;
        }
        let b = k;
        let mut a = k - 1;
        let last = &self.toks[ctx[a]].lower;
        if self.lists.pronouns.contains(last) {
            return Some((ctx[a], ctx[a] + 1));
        }
        let preposition = |t: usize| {
            self.lists.breaks.contains(&self.toks[t].lower) && !self.lists.conj.contains(&self.toks[t].lower)
        };
        let clause_subject = |upto: usize| {
            let (s, e) = self.sentence_subject(ctx)?;
            let from = ctx.iter().position(|&x| x == e - 1)?;
            let clean = ctx[from + 1..upto]
                .iter()
                .all(|&x| !self.is_verb(x) && !self.breaks_after(x));
            (e <= ctx[upto] && clean).then_some((s, e))
        };
        // Object pronouns (« comme l'explique X ») and words that cannot end a subject.
        if self.lists.breaks.contains(last) || self.lists.dets.contains(last) {
            return if preposition(ctx[a]) { clause_subject(a) } else { None };
        }
        while a > 0 && b - a < 8 && ctx[a] == ctx[a - 1] + 1 && !self.breaks_after(ctx[a - 1]) {
            let w = &self.toks[ctx[a - 1]].lower;
            if self.lists.breaks.contains(w) || self.is_verb(ctx[a - 1]) {
                if preposition(ctx[a - 1])
                    && let Some(found) = clause_subject(a - 1)
                {
                    return Some(found);
                }
                break;
            }
            a -= 1;
            if self.lists.dets.contains(w) {
                break;
            }
        }
        // A subject is a name, a pronoun or a determiner's phrase; not a stray lowercase word.
        let words = &ctx[a..b];
        let named = words.iter().any(|&t| self.toks[t].upper);
        let det = self.lists.dets.contains(&self.toks[ctx[a]].lower);
        let noun = words.iter().any(|&t| self.lists.nouns.contains(&self.toks[t].lower));
        (named || det || noun).then(|| (ctx[a], ctx[b - 1] + 1))
    }

    /// The first noun phrase of the clause: "Judge X, who …, telling his lawyer…".
    fn sentence_subject(&self, l: &[usize]) -> Option<(usize, usize)> {
        let &first = l.first()?;
        if !(self.toks[first].upper || self.lists.pronouns.contains(&self.toks[first].lower)) {
            return None;
        }
        if self.lists.pronouns.contains(&self.toks[first].lower) {
            return Some((first, first + 1));
        }
        let mut b = 0;
        while b < l.len() && b < 8 && (b == 0 || !self.breaks_after(l[b - 1])) {
            if b > 0 && (self.lists.breaks.contains(&self.toks[l[b]].lower) || self.is_verb(l[b])) {
                break;
            }
            b += 1;
        }
        let named = l[..b].iter().any(|&t| self.toks[t].upper && t != first)
            || b == 1
            || self.lists.dets.contains(&self.toks[first].lower)
            || l[..b].iter().any(|&t| self.lists.nouns.contains(&self.toks[t].lower));
        // "South Africa's minister of electricity, Kgosientsho Ramokgopa, told…": the name in
        // the apposition is the source.
        if b > 0 && b < l.len() && self.gap(l[b - 1]).trim() == "," && self.toks[l[b]].upper {
            let person = l[..b].iter().any(|&t| {
                self.toks[t].upper
                    && !self.toks[t].lower.ends_with("'s")
                    && !self.lists.dets.contains(&self.toks[t].lower)
            }) && !l[..b].iter().any(|&t| self.lists.nouns.contains(&self.toks[t].lower));
            let mut c = b + 1;
            while c < l.len() && self.toks[l[c]].upper && !self.breaks_after(l[c - 1]) {
                c += 1;
            }
            if !person && c - b >= 2 && self.gap(l[c - 1]).trim() == "," {
                return Some((l[b], l[c - 1] + 1));
            }
        }
        (b > 0 && named).then(|| (l[0], l[b - 1] + 1))
    }

    // ---- names ---------------------------------------------------------------------------

    /// The resolved source for the words `a..b`: a pronoun's antecedent, a surname's full name,
    /// the name inside a description ("Transnet executive Russell Bradbrooke"), or the
    /// description itself ("un responsable militaire").
    fn name(&self, a: usize, b: usize, named: &[(usize, String)], sources: &[Source]) -> String {
        let text = |x: usize, y: usize| {
            self.doc
                .slice(Span::new(self.toks[x].span.start, self.toks[y - 1].span.end))
                .to_owned()
        };
        if b - a == 1 && self.lists.pronouns.contains(&self.toks[a].lower) {
            return self.antecedent(a, named, sources).unwrap_or_else(|| text(a, b));
        }
        let sentence_start = |t: usize| self.toks.partition_point(|x| x.sentence < self.toks[t].sentence) == t;
        // The last run of capitalised words (with short particles between them).
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut t = a;
        while t < b {
            if self.toks[t].upper && !(sentence_start(t) && self.lists.dets.contains(&self.toks[t].lower)) {
                let s = t;
                let mut e = t + 1;
                while e < b
                    && (self.toks[e].upper
                        || (self.toks[e].lower.chars().count() <= 3
                            && e + 1 < b
                            && self.toks[e + 1].upper
                            && !self.lists.breaks.contains(&self.toks[e].lower)))
                {
                    e += 1;
                }
                if !self.toks[e - 1].lower.ends_with("'s") {
                    runs.push((s, e));
                }
                t = e;
            } else {
                t += 1;
            }
        }
        let Some(&(mut s, e)) = runs.last() else {
            return text(a, b);
        };
        // "un conducteur de Lille": a lone capital after a preposition is a complement.
        let short_link = |t: usize| !self.toks[t].upper && self.toks[t].lower.chars().count() <= 3;
        if e - s == 1 && s > a && (self.lists.breaks.contains(&self.toks[s - 1].lower) || short_link(s - 1)) {
            return text(a, b);
        }
        // A lone sentence-initial capital in a description ("Federal prosecutors") is no name.
        if e - s == 1 && s == a && b - a > 1 && sentence_start(a) && runs.len() == 1 {
            return text(a, b);
        }
        // "Fire Chief Roberta Lang", "Sen. Lindsey Graham": the name follows the last title word.
        if let Some(t) = (s..e - 1)
            .rev()
            .find(|&t| self.lists.nouns.contains(self.toks[t].lower.trim_end_matches('.')))
        {
            s = t + 1;
        }
        if e - s == 1 {
            return self.full_name(s).unwrap_or_else(|| text(s, e));
        }
        text(s, e)
    }

    /// The person an earlier sentence introduced with the description's noun: "the mayor" after
    /// "Mayor Ada Quill" or "la maire, Anne Poulard".
    fn titled(&self, a: usize, b: usize) -> Option<String> {
        let nouns: Vec<&str> = (a..b)
            .map(|x| self.toks[x].lower.as_str())
            .filter(|w| self.lists.nouns.contains(w))
            .collect();
        let at = self.toks[a].span.start;
        let mut best = None;
        for k in 0..a {
            let tok = &self.toks[k];
            if tok.span.start >= at || !nouns.contains(&tok.lower.as_str()) || tok.owner.is_some() {
                continue;
            }
            // A capitalised run right after the noun (or after its comma).
            let mut s = k + 1;
            while s < a && s <= k + 2 && !self.toks[s].upper {
                s += 1;
            }
            let mut e = s;
            while e < a && self.toks[e].upper && (e == s || !self.breaks_after(e - 1)) {
                e += 1;
            }
            if e - s >= 2 {
                best = Some(
                    self.doc
                        .slice(Span::new(self.toks[s].span.start, self.toks[e - 1].span.end))
                        .to_owned(),
                );
            }
        }
        best
    }

    /// A surname's full name: an entity mention, or a longer run of capitals ending with it.
    fn full_name(&self, t: usize) -> Option<String> {
        let word = self.doc.slice(self.toks[t].span);
        if let Some(e) = self
            .entities
            .iter()
            .find(|e| e.kind == EntityType::Person && e.mentions.iter().any(|m| self.doc.slice(m.span) == word))
        {
            return Some(e.name.clone());
        }
        let mut best: Option<(usize, usize)> = None;
        for (k, tok) in self.toks.iter().enumerate() {
            if k == t || tok.lower != self.toks[t].lower || k == 0 {
                continue;
            }
            let mut s = k;
            while s > 0 && self.toks[s - 1].upper && !self.breaks_after(s - 1) && k - s < 3 {
                s -= 1;
            }
            while s < k && self.lists.nouns.contains(self.toks[s].lower.trim_end_matches('.')) {
                s += 1;
            }
            let sentence_first = self.toks.partition_point(|x| x.sentence < self.toks[s].sentence) == s;
            if s < k && !(sentence_first && self.lists.dets.contains(&self.toks[s].lower)) {
                let better = match best {
                    None => true,
                    Some((bs, bk)) => (k < t) && (bk > t || k - s >= bk - bs),
                };
                if better {
                    best = Some((s, k));
                }
            }
        }
        best.map(|(s, k)| {
            self.doc
                .slice(Span::new(self.toks[s].span.start, self.toks[k].span.end))
                .to_owned()
        })
    }

    /// The nearest named source before a pronoun. In the pronoun's paragraph: the last mention
    /// of a known source (a quotation's speaker, a speech verb's subject), else the last person's
    /// name; then the nearest named source or person in the three paragraphs before; then the
    /// last source met.
    fn antecedent(&self, t: usize, named: &[(usize, String)], sources: &[Source]) -> Option<String> {
        let at = self.toks[t].span.start;
        let block = self.toks[t].block;
        let mut cands: Vec<(usize, &str)> = named.iter().map(|(p, n)| (*p, n.as_str())).collect();
        cands.extend(
            sources
                .iter()
                .filter(|s| s.spoke)
                .map(|s| (s.span.start, s.name.as_str())),
        );
        // A compatible source: "she" never points back to a man a "he" already stood for.
        let want = self.pronoun_gender(t);
        let genders = self.genders.borrow();
        let compatible = |n: &str| want.is_none() || genders.get(n).is_none_or(|g| Some(*g) == want);
        cands.retain(|(p, n)| *p < at && compatible(n));
        cands.sort_by_key(|(p, _)| *p);
        let block_of = |p: usize| self.doc.block_at(p).unwrap_or(0);
        let capitalised = |n: &str| n.chars().next().is_some_and(char::is_uppercase);
        // The last mention at or after `floor` of a known source: its cue, or its surname alone.
        let known = |floor: usize, only_names: bool| -> Option<(usize, String)> {
            let mut best: Option<(usize, String)> = cands
                .iter()
                .rev()
                .find(|(p, n)| block_of(*p) >= floor && (!only_names || capitalised(n)))
                .map(|(p, n)| (*p, (*n).to_owned()));
            let mut k = t;
            while k > 0 {
                k -= 1;
                let tok = &self.toks[k];
                if tok.block < floor || best.as_ref().is_some_and(|(p, _)| *p >= tok.span.start) {
                    break;
                }
                if !tok.upper || tok.owner.is_some() || tok.lower.chars().count() < 3 {
                    continue;
                }
                let surname = |n: &str| n.split_whitespace().last().is_some_and(|w| norm(w) == tok.lower);
                if let Some((_, n)) = cands
                    .iter()
                    .rev()
                    .find(|(p, n)| *p <= tok.span.start && capitalised(n) && surname(n))
                {
                    best = Some((tok.span.start, (*n).to_owned()));
                    break;
                }
            }
            best
        };
        if let Some((_, n)) = known(block, false) {
            return Some(n);
        }
        let person = |floor: usize| self.person_before(t, floor).filter(|(_, n)| compatible(n));
        if let Some((_, n)) = person(block) {
            return Some(n);
        }
        // The paragraph before: a known source first, then a person.
        let prev = block.saturating_sub(1);
        if let Some((_, n)) = known(prev, true).or_else(|| person(prev)) {
            return Some(n);
        }
        let floor = block.saturating_sub(3);
        match (known(floor, true), person(floor)) {
            (Some((p, n)), Some((q, m))) => return Some(if q > p { m } else { n }),
            (Some((_, n)), None) | (None, Some((_, n))) => return Some(n),
            (None, None) => {}
        }
        cands.last().map(|(_, n)| (*n).to_owned())
    }

    /// `true` for a feminine pronoun (she, elle, a-t-elle), `false` for a masculine one.
    fn pronoun_gender(&self, t: usize) -> Option<bool> {
        let w = self.toks[t].lower.rsplit('-').next().unwrap_or_default();
        if lang::feminine_pronouns(self.lang).contains(w) {
            Some(true)
        } else if lang::masculine_pronouns(self.lang).contains(w) {
            Some(false)
        } else {
            None
        }
    }

    /// The last person's name before token `t`, from block `floor` on: a person entity's
    /// mention when the names are known, else two capitalised words or more.
    fn person_before(&self, t: usize, floor: usize) -> Option<(usize, String)> {
        let at = self.toks[t].span.start;
        if !self.entities.is_empty() {
            return self
                .entities
                .iter()
                .filter(|e| e.kind == EntityType::Person)
                .flat_map(|e| e.mentions.iter().map(move |m| (m.span.start, e.name.clone())))
                .filter(|(p, _)| *p < at && self.doc.block_at(*p).is_some_and(|b| b >= floor))
                .max_by_key(|(p, _)| *p);
        }
        let mut k = t;
        while k > 1 {
            k -= 1;
            if self.toks[k].block < floor {
                break;
            }
            if self.toks[k].upper && self.toks[k - 1].upper && !self.breaks_after(k - 1) && self.toks[k].owner.is_none()
            {
                let mut s = k - 1;
                while s > 0 && self.toks[s - 1].upper && !self.breaks_after(s - 1) {
                    s -= 1;
                }
                while s < k && self.lists.nouns.contains(self.toks[s].lower.trim_end_matches('.')) {
                    s += 1;
                }
                while s < k && self.lists.dets.contains(&self.toks[s].lower) {
                    s += 1;
                }
                if s < k && !self.toks[k].lower.ends_with("'s") {
                    let span = Span::new(self.toks[s].span.start, self.toks[k].span.end);
                    return Some((span.start, self.doc.slice(span).to_owned()));
                }
            }
        }
        None
    }

    // ---- kinds ---------------------------------------------------------------------------

    fn kind(&self, i: usize, cue: bool, in_title: bool) -> QuoteKind {
        let r = &self.raw[i];
        if !matches!(r.form, Form::Marks(_)) {
            return QuoteKind::Direct;
        }
        let content = self.doc.prose(r.content);
        let words: Vec<&Tok> = self.toks.iter().filter(|t| r.content.contains_span(t.span)).collect();
        let n = words.len();
        let first_upper = content
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        let ends_punct = content.trim_end().ends_with(['.', '!', '?', '…', ',']);
        let (start, end) = self.bounds(i);
        let block = self.doc.block_at(start).map(|b| self.doc.blocks()[b].span);
        let before = block.map_or("", |b| self.doc.markup.prose[b.start.min(start)..start].trim_end());
        let at_start = before.is_empty() || before.ends_with([':', '.', '!', '?', '—', '–', '«', '“', ',']);
        let left = self.left(i);
        let right = self.right(i);
        // A name, a title, a term: "so-called", « le quotidien », « baptisé ».
        let scare_cue = self.lists.scare.iter().any(|c| {
            left.len() >= c.len() && {
                let tail = &left[left.len() - c.len()..];
                let adjacent = self.doc.markup.prose[self.toks[tail[c.len() - 1]].span.end..start]
                    .chars()
                    .all(|ch| ch.is_whitespace() || ch == '\u{a0}' || ch == '\u{202f}');
                let aux_before = left.len() > c.len()
                    && self
                        .lists
                        .adverbs
                        .contains(&self.toks[left[left.len() - c.len() - 1]].lower);
                adjacent && !aux_before && tail.iter().zip(c).all(|(&t, w)| &self.toks[t].lower == w)
            }
        });
        // Han “Hana” Lee: a nickname between two names.
        let nickname = n <= 2
            && left.last().is_some_and(|&t| {
                self.toks[t].upper && self.doc.markup.prose[self.toks[t].span.end..start].trim().is_empty()
            })
            && right.first().is_some_and(|&t| {
                self.toks[t].upper && self.doc.markup.prose[end..self.toks[t].span.start].trim().is_empty()
            });
        let title_case = (1..=6).contains(&n)
            && !ends_punct
            && !at_start
            && words.first().is_some_and(|w| w.upper)
            && words
                .iter()
                .all(|w| w.upper || w.lower.chars().count() <= 3 || w.lower.chars().all(|c| !c.is_alphabetic()))
            && !words
                .iter()
                .all(|w| self.doc.slice(w.span).chars().all(|c| !c.is_lowercase()));
        if scare_cue || nickname || title_case {
            return QuoteKind::Scare;
        }
        let clause = n >= 5 || (ends_punct && n >= 2 && first_upper) || (at_start && first_upper && n >= 2);
        if clause {
            return if at_start || first_upper {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
        }
        if cue || in_title || (at_start && ends_punct) {
            QuoteKind::Partial
        } else {
            QuoteKind::Scare
        }
    }
}
