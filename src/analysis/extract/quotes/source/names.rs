//! Names: a source's resolved name, a surname's full name, a pronoun's antecedent.

use super::*;

impl Ctx<'_> {
    /// The resolved source for the words `a..b`: a pronoun's antecedent, a surname's full name,
    /// the name inside a description ("Transnet executive Russell Bradbrooke"), or the
    /// description itself ("un responsable militaire").
    pub(super) fn name(&self, a: usize, b: usize, named: &[(usize, String)], sources: &[Source]) -> String {
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
    pub(super) fn titled(&self, a: usize, b: usize) -> Option<String> {
        let nouns: Vec<&str> = (a..b)
            .map(|x| self.toks[x].lower.as_str())
            .filter(|w| self.lists.nouns.contains(w))
            .collect();
        let at = self.toks[a].span.start;
        // The earlier tokens that are one of the nouns, in text order.
        let mut earlier: Vec<usize> = nouns
            .iter()
            .flat_map(|w| self.tokens_lowered(w))
            .copied()
            .filter(|&k| k < a)
            .collect();
        earlier.sort_unstable();
        earlier.dedup();
        let mut best = None;
        for k in earlier {
            let tok = &self.toks[k];
            if tok.span.start >= at || tok.owner.is_some() {
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
    pub(super) fn full_name(&self, t: usize) -> Option<String> {
        let word = self.doc.slice(self.toks[t].span);
        if let Some(e) = self.person_mentioned_as(word) {
            return Some(e.name.clone());
        }
        let mut best: Option<(usize, usize)> = None;
        for &(s, k) in self.runs_ending_in(&self.toks[t].lower).iter() {
            if k == t {
                continue;
            }
            let better = match best {
                None => true,
                Some((bs, bk)) => (k < t) && (bk > t || k - s >= bk - bs),
            };
            if better {
                best = Some((s, k));
            }
        }
        best.map(|(s, k)| {
            self.doc
                .slice(Span::new(self.toks[s].span.start, self.toks[k].span.end))
                .to_owned()
        })
    }

    /// The runs of capitals (`s..=k`, titles left out) that end with a token whose lowercase form
    /// is `lower`, in text order: the full names a surname may stand for. Computed once per word.
    fn runs_ending_in(&self, lower: &str) -> NameRuns {
        if let Some(runs) = self.name_runs.borrow().get(lower) {
            return std::rc::Rc::clone(runs);
        }
        let mut runs = Vec::new();
        for &k in self.tokens_lowered(lower) {
            if k == 0 {
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
                runs.push((s, k));
            }
        }
        let runs: NameRuns = runs.into();
        self.name_runs
            .borrow_mut()
            .insert(CompactString::from(lower), std::rc::Rc::clone(&runs));
        runs
    }

    /// The nearest named source before a pronoun. In the pronoun's paragraph: the last mention
    /// of a known source (a quotation's speaker, a speech verb's subject), else the last person's
    /// name; then the nearest named source or person in the three paragraphs before; then the
    /// last source met.
    pub(super) fn antecedent(&self, t: usize, named: &[(usize, String)], sources: &[Source]) -> Option<String> {
        let at = self.toks[t].span.start;
        let block = self.toks[t].block;
        let mut cands: Vec<(usize, &str)> = named.iter().map(|(p, n)| (*p, n.as_str())).collect();
        // Sources come in sentence order, and those of later sentences start after `at`.
        let sentence = self.toks[t].sentence;
        cands.extend(
            sources[..sources.partition_point(|s| s.sentence <= sentence)]
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
    pub(super) fn pronoun_gender(&self, t: usize) -> Option<bool> {
        let w = self.toks[t].lower.rsplit('-').next().unwrap_or_default();
        if lang::speaker_feminine_pronouns(self.lang).contains(w) {
            Some(true)
        } else if lang::speaker_masculine_pronouns(self.lang).contains(w) {
            Some(false)
        } else {
            None
        }
    }

    /// The last person's name before token `t`, from block `floor` on: a person entity's
    /// mention when the names are known, else two capitalised words or more.
    pub(super) fn person_before(&self, t: usize, floor: usize) -> Option<(usize, String)> {
        let at = self.toks[t].span.start;
        if !self.entities.is_empty() {
            // The last person mention before `at` in a block: blocks rise with offsets, so if
            // its block is before `floor`, so are those of all earlier mentions.
            let mentions = self.person_mentions();
            let before = mentions.partition_point(|&(p, _, _)| p < at);
            return mentions[..before]
                .iter()
                .rev()
                .find_map(|&(p, block, e)| block.map(|b| (p, b, e)))
                .filter(|&(_, b, _)| b >= floor)
                .map(|(p, _, e)| (p, self.entities[e].name.clone()));
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
}
