//! Kinds: a direct quotation, a partial one, or a scare-quoted term.

use super::*;

impl Ctx<'_> {
    pub(super) fn kind(&self, i: usize, cue: bool, in_title: bool) -> QuoteKind {
        let r = &self.raw[i];
        if !matches!(r.form, Form::Marks(_)) {
            return QuoteKind::Direct;
        }
        let content = self.doc.prose(r.content);
        let words: Vec<&Tok> = self
            .toks_between(r.content.start, r.content.end)
            .into_iter()
            .map(|t| &self.toks[t])
            .collect();
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
                adjacent && !aux_before && tail.iter().zip(c).all(|(&t, w)| self.toks[t].lower == w)
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
