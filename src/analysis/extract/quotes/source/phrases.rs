//! Noun phrases: the words naming a source before or after its cue.

use super::*;

impl Ctx<'_> {
    /// The source named after a cue: "said [veteran strategist James Carville]", "a déclaré
    /// [un responsable militaire] à l'AFP", "selon [la Drees], le service…". Complements before it
    /// ("à l'AFP", "in a statement", "lundi") are skipped.
    pub(super) fn np_forward(&self, from: usize, ctx: &[usize]) -> Option<(usize, usize)> {
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
    pub(super) fn np_backward(&self, ctx: &[usize], end: usize) -> Option<(usize, usize)> {
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
    pub(super) fn sentence_subject(&self, l: &[usize]) -> Option<(usize, usize)> {
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
}
