//! What a figure counts: the noun phrase after it, the named quantity it is the value of, a
//! casualty class, or for an age the person.

use super::number;
use super::{Bound, Draft, Figure, Kind, Sentence, T, is_capitalised, lookup, normalise};
use crate::analysis::extract::EntityType;
use crate::lang::{self, Lang};
use crate::text::Span;

impl Sentence<'_> {
    /// Ages: "Jean Dupont, 45 ans", "Smith, 45,", "the 45-year-old", "âgé de 45 ans".
    pub(super) fn age(&self, d: &Draft, f: &mut Figure) -> bool {
        if !(1.0..=115.0).contains(&d.value) || d.step != 1.0 || d.max.is_some() || f.bound != Bound::Exact {
            return false;
        }
        let i = d.first;
        let k = d.next;
        let lang = self.lang;
        let next = self.lower(k);
        let mut person: Option<String> = None;
        let mut is_age = false;
        // "N-year-old", "N years old", "N ans" after a name or "âgé de".
        let year_old = self.sym(i + 1, "-") && self.touching(i) && {
            let w = self.lower(i + 2);
            w == "year-old" || w == "years-old"
        };
        let years_old = d.unit.as_deref() == Some("years") && next == "old";
        let prev = if i > 0 { self.lower(i - 1) } else { "" };
        let prev2 = if i > 1 { self.lower(i - 2) } else { "" };
        let ans = lang == Lang::Fr && d.unit.as_deref() == Some("years");
        if year_old || years_old {
            is_age = true;
        }
        if lang == Lang::En && matches!(prev, "aged" | "age") {
            is_age = true;
        }
        if ans && prev == "de" && (prev2.starts_with("âgé") || lang::person_nouns(lang).contains(prev2)) {
            is_age = true;
            if !prev2.starts_with("âgé") {
                f.counts = Some(self.text(i - 2).to_owned());
            }
        }
        // "Name, 45," / "Name, 45 ans" / "Name (45)".
        let comma_before =
            i > 1 && self.sym(i - 1, ",(") && self.is(i - 2, T::Word) && (lang == Lang::Fr || d.unit.is_none());
        if comma_before {
            let closes = match lang {
                Lang::En => {
                    (d.unit.is_none()
                        && (self.sym(k, ",;)")
                            || (self.sym(k, ".") && k + 1 >= self.toks.len())
                            || k >= self.toks.len()))
                        || matches!(next, "of" | "from")
                }
                Lang::Fr => ans && (self.sym(k, ",;).") || k >= self.toks.len()),
            };
            // "In Europe, 48 of them": a place after a preposition, not a person.
            let place = self.name_start(i - 2).is_some_and(|k| {
                k > 0
                    && matches!(
                        self.lower(k - 1),
                        "in" | "at" | "from" | "à" | "en" | "dans" | "au" | "aux"
                    )
            });
            if closes
                && !place
                && let Some(name) = self.name_ending(i - 2)
            {
                is_age = true;
                person = Some(name);
            } else if closes && lang::person_nouns(lang).contains(self.lower(i - 2)) {
                is_age = true;
                f.counts = Some(self.text(i - 2).to_owned());
            }
        }
        if !is_age {
            return false;
        }
        if person.is_none() && f.counts.is_none() {
            // A name right after ("45-year-old Jean Smith"), else the nearest one before.
            let after = if year_old { i + 3 } else { k + usize::from(years_old) };
            person = self.name_starting(after).or_else(|| self.name_before(i));
            if person.is_none() && self.is(after, T::Word) && lang::person_nouns(lang).contains(self.lower(after)) {
                f.counts = Some(self.text(after).to_owned());
            }
        }
        f.kind = Kind::Age;
        f.unit = Some("years".to_owned());
        if year_old {
            f.span = Span::new(f.span.start, self.toks[i + 2].span.end);
        }
        if let Some(p) = person {
            f.key = Some(format!("person:{}", p.to_lowercase()));
            f.counts = Some(p);
        }
        true
    }

    /// A run of capitalised words ending at token `end` (a person's name), quotes inside skipped.
    pub(super) fn name_ending(&self, end: usize) -> Option<String> {
        let mut words = Vec::new();
        let mut k = end as isize;
        while k >= 0 {
            let ku = k as usize;
            if self.is(ku, T::Word) && is_capitalised(self.text(ku)) {
                words.push(self.text(ku));
            } else if self.sym(ku, "“”\"«»") && !words.is_empty() {
                // A nickname in quotes: Han “Hana” Lee.
                let mut j = ku as isize - 1;
                while j >= 0 && !self.sym(j as usize, "“\"«") {
                    j -= 1;
                }
                if j < 0 || j as usize == ku {
                    break;
                }
                k = j - 1;
                continue;
            } else {
                break;
            }
            k -= 1;
        }
        words.reverse();
        let first_is_sentence_start = k < 0;
        let stops = lang::phrase_stops(self.lang);
        let titles = lang::title_words(self.lang);
        let words: Vec<&str> = words
            .into_iter()
            .filter(|w| !stops.contains(&w.to_lowercase()))
            .skip_while(|w| titles.contains(&w.to_lowercase()))
            .collect();
        if words.is_empty() {
            return None;
        }
        // A lone capitalised word opening the sentence is a name unless it is a common word
        // ("Yesterday, 45, ..." does not happen; "Merrick, 61, agreed." does).
        if words.len() == 1 && first_is_sentence_start && lang::stopwords(self.lang).contains(&words[0].to_lowercase())
        {
            return None;
        }
        if words
            .iter()
            .any(|w| lang::figure_skip_before(self.lang).contains(&w.to_lowercase()))
        {
            return None;
        }
        Some(words.join(" "))
    }

    /// The first token of the run of capitalised words ending at `end`.
    pub(super) fn name_start(&self, end: usize) -> Option<usize> {
        let mut k = end;
        if !(self.is(k, T::Word) && is_capitalised(self.text(k))) {
            return None;
        }
        while k > 0 && self.is(k - 1, T::Word) && is_capitalised(self.text(k - 1)) {
            k -= 1;
        }
        Some(k)
    }

    pub(super) fn name_starting(&self, start: usize) -> Option<String> {
        let mut k = start;
        let mut words = Vec::new();
        while self.is(k, T::Word) && is_capitalised(self.text(k)) {
            words.push(self.text(k));
            k += 1;
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// The nearest person before token `i`: an entity mention, else two capitalised words.
    pub(super) fn name_before(&self, i: usize) -> Option<String> {
        let at = self.toks.get(i)?.span.start;
        let window = self.si.saturating_sub(2);
        let from = self.doc.sentences[window].span.start;
        let best = self
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .flat_map(|e| e.mentions.iter().map(move |m| (m.span.start, e)))
            .filter(|(s, _)| *s >= from && *s < at)
            .max_by_key(|(s, _)| *s);
        if let Some((_, e)) = best {
            return Some(e.name.clone());
        }
        // Without entities: a run of two capitalised words in this sentence, before the figure.
        let mut k = i;
        while k > 1 {
            k -= 1;
            if self.is(k, T::Word)
                && is_capitalised(self.text(k))
                && self.is(k - 1, T::Word)
                && is_capitalised(self.text(k - 1))
            {
                return self.name_ending(k);
            }
        }
        None
    }

    /// What a figure counts: the noun phrase after it, or the thing it is the value of.
    pub(super) fn counts(&self, d: &Draft, before: usize, f: &mut Figure) {
        let lang = self.lang;
        let stops = lang::phrase_stops(lang);
        let mut k = d.next;
        // "65 % des hôpitaux", "2 millions de personnes", "a dozen of", "45 tonnes de".
        let mut linked = false;
        if f.kind != Kind::Count || d.step > 1.0 || d.spelled {
            let w = self.lower(k);
            if matches!(w, "de" | "d'" | "des" | "du" | "of") && self.spaced(k.saturating_sub(1)) {
                k += 1;
                linked = true;
                if matches!(self.lower(k), "the" | "l'" | "la" | "les") {
                    k += 1;
                }
            }
        }
        let mut words: Vec<usize> = Vec::new();
        // A measure counts what follows only through "de"/"of" ("45 tonnes de blé", not "5 g/l fixée").
        // English puts what an amount pays for right after it: "a $250 million lawsuit".
        let money_noun = lang == Lang::En && f.kind == Kind::Money && self.spaced(k.saturating_sub(1));
        if f.kind == Kind::Count || linked || money_noun {
            let mut j = k;
            while j < self.toks.len() && words.len() < 3 && self.is(j, T::Word) && (j == k || self.spaced(j - 1)) {
                if j > 0 && !self.spaced(j - 1) {
                    break;
                }
                let w = self.lower(j);
                if stops.contains(w) || number::word_value(w, lang).is_some() {
                    break;
                }
                if lang == Lang::En && !words.is_empty() && (w.ends_with("ed") || w.ends_with("ing")) {
                    break;
                }
                if lang == Lang::En && is_capitalised(self.text(j)) && !words.is_empty() {
                    break;
                }
                words.push(j);
                j += 1;
                // English puts adjectives before the noun: a plural ends the phrase ("boats sank").
                if lang == Lang::En
                    && ((w.chars().count() > 3 && w.ends_with('s') && !w.ends_with("ss"))
                        || lang::person_nouns(lang).contains(w))
                {
                    break;
                }
            }
        }
        let casualties = lang::casualty_words(lang);
        // "12 people were killed", else "the blast killed 12 workers".
        let casualty = (k..(k + 6).min(self.toks.len()))
            .filter(|&j| self.is(j, T::Word))
            .find_map(|j| lookup(casualties, self.lower(j)).map(str::to_owned))
            .or_else(|| {
                (before.saturating_sub(3)..before)
                    .rev()
                    .filter(|&j| self.is(j, T::Word))
                    .find_map(|j| lookup(casualties, self.lower(j)).map(str::to_owned))
            });
        if !words.is_empty() {
            let first = words[0];
            let last = *words.last().unwrap_or(&first);
            f.counts = Some(
                self.doc
                    .slice(Span::new(self.toks[first].span.start, self.toks[last].span.end))
                    .to_owned(),
            );
            let (head, mods): (usize, Vec<usize>) = match lang {
                Lang::En => (last, words[..words.len() - 1].to_vec()),
                Lang::Fr => (first, words[1..].to_vec()),
            };
            f.key = Some(normalise(self.text(head)));
            f.modifiers = mods.iter().map(|&m| normalise(self.text(m))).collect();
            if let Some(c) = casualty
                && f.kind == Kind::Count
            {
                f.key = Some(format!("casualty:{c}"));
            }
            return;
        }
        // "The blast killed 23", "l'attaque tue 12": a toll with its verb before it.
        if f.kind == Kind::Count
            && let Some(c) = (before.saturating_sub(3)..before)
                .rev()
                .filter(|&j| self.is(j, T::Word))
                .find_map(|j| lookup(casualties, self.lower(j)).map(|c| (j, c.to_owned())))
        {
            f.counts = Some(self.text(c.0).to_owned());
            f.key = Some(format!("casualty:{}", c.1));
            return;
        }
        // The thing it is the value of: "la limite légale de 0,1 µg/l", "a fine of $250,000".
        let mut j = before;
        if j > 0 && matches!(self.lower(j - 1), "de" | "d'" | "of") {
            j -= 1;
            let mut collected = Vec::new();
            while j > 0 && collected.len() < 3 {
                j -= 1;
                if !self.is(j, T::Word) {
                    break;
                }
                let w = self.lower(j);
                if stops.contains(w)
                    || number::word_value(w, lang).is_some()
                    || is_capitalised(self.text(j)) && j + 1 != before
                {
                    break;
                }
                collected.push(j);
            }
            collected.reverse();
            let changes = lang::change_words(lang);
            if let (Some(&first), Some(&last)) = (collected.first(), collected.last()) {
                if collected.iter().any(|&c| self.in_list(c, changes)) {
                    return;
                }
                f.counts = Some(
                    self.doc
                        .slice(Span::new(self.toks[first].span.start, self.toks[last].span.end))
                        .to_owned(),
                );
                let (head, mods): (usize, Vec<usize>) = match lang {
                    Lang::En => (last, collected[..collected.len() - 1].to_vec()),
                    Lang::Fr => (first, collected[1..].to_vec()),
                };
                f.key = Some(format!("of:{}", normalise(self.text(head))));
                f.modifiers = mods.iter().map(|&m| normalise(self.text(m))).collect();
            }
        }
    }
}
