//! Cues: the speech verbs, inversions and reporting phrases that credit a quotation, searched
//! inside it (an incise), right after it, before it, later in its sentence, in a lead-in.

use super::*;

impl Ctx<'_> {
    pub(super) fn find(&self, i: usize) -> Option<Found> {
        self.incise(i)
            .or_else(|| self.right_near(i).map(|f| Found { near: true, ..f }))
            .or_else(|| self.right_attribution(i))
            .or_else(|| self.left_cue(&self.left(i)))
            .or_else(|| self.right_far(i))
            .or_else(|| self.lead_in(i))
            .or_else(|| self.colon_subject(i))
    }

    /// A French inversion inside the quotation, after a comma or a dash: « …, a-t-il estimé, … ».
    pub(super) fn incise(&self, i: usize) -> Option<Found> {
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
    pub(super) fn inversion(&self, t: usize) -> Option<Found> {
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
            while k < self.toks.len() && k <= t + 2 && !self.lists.verbs.contains(self.toks[k].lower.as_str()) {
                k += 1;
            }
            if k < self.toks.len() && k <= t + 2 && self.lists.verbs.contains(self.toks[k].lower.as_str()) {
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
    pub(super) fn verb_after_inversion(&self, t: usize, aux: bool) -> Option<Span> {
        let span = self.toks[t].span;
        if !aux {
            return Some(span);
        }
        (t + 1..(t + 3).min(self.toks.len()))
            .find(|&k| self.is_verb(k))
            .map(|k| Span::new(span.start, self.toks[k].span.end))
    }

    /// `a-t-on appris auprès de X`: X, or no named source.
    pub(super) fn impersonal(&self, cue: Span, t: usize) -> Found {
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

    pub(super) fn pronoun_found(&self, cue: Span, t: usize, pron: Span) -> Found {
        Found {
            cue,
            speaker: Some((t, t + 1)),
            pronoun: Some(pron),
            near: false,
        }
    }

    /// Is token `t` an attribution cue ("according to", "selon")? Returns its length in tokens.
    pub(super) fn attribution_cue(&self, t: usize) -> Option<usize> {
        self.lists.cues.iter().find_map(|c| {
            let ok = c.iter().enumerate().all(|(k, w)| {
                self.toks.get(t + k).is_some_and(|x| x.lower == w) && (k == 0 || !self.breaks_after(t + k - 1))
            });
            ok.then_some(c.len())
        })
    }

    pub(super) fn is_verb(&self, t: usize) -> bool {
        self.lists.verbs.contains(self.toks[t].lower.as_str())
    }

    /// The cue right after the quotation: "…," she said / « … », a déclaré X / « … », estime-t-il
    /// / "…," Jane Doe, the mayor, said.
    pub(super) fn right_near(&self, i: usize) -> Option<Found> {
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
    pub(super) fn verb_cue(&self, ctx: &[usize], k: usize, verb_ok: bool) -> Option<Found> {
        let t = ctx[k];
        if let Some(f) = self.source_after_cue(t, ctx) {
            return Some(f);
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

    /// An inversion (`a-t-il estimé`) or an attribution cue ("according to X", "selon X") at
    /// token `t`, with the source that follows it within `ctx`.
    fn source_after_cue(&self, t: usize, ctx: &[usize]) -> Option<Found> {
        if let Some(f) = self.inversion(t) {
            return Some(f);
        }
        let len = self.attribution_cue(t)?;
        let cue = Span::new(self.toks[t].span.start, self.toks[t + len - 1].span.end);
        Some(Found {
            cue,
            speaker: self.np_forward(t + len, ctx),
            pronoun: None,
            near: false,
        })
    }

    /// A verb with its auxiliary and adverbs: the cue's span and the token after it.
    pub(super) fn verb_span(&self, t: usize, ctx: &[usize]) -> (Span, usize) {
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
    pub(super) fn left_cue(&self, l: &[usize]) -> Option<Found> {
        for k in (0..l.len()).rev() {
            let t = l[k];
            if let Some(f) = self.source_after_cue(t, l) {
                return Some(f);
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
    pub(super) fn right_attribution(&self, i: usize) -> Option<Found> {
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
    pub(super) fn right_far(&self, i: usize) -> Option<Found> {
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
    pub(super) fn colon_subject(&self, i: usize) -> Option<Found> {
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
    pub(super) fn lead_in(&self, i: usize) -> Option<Found> {
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
        self.left_cue(&l)
    }
}
