//! Which mentions name the same entity, and what type each entity is.

use std::borrow::Cow;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::recognize::{Cand, is_acronym};
use super::{Entity, EntityType, Intro, KbMemo, Mention, MentionForm};
use crate::analysis::document::Document;
use crate::kb::{self, Category, KbEntry};
use crate::lang::{self, Lang};
use crate::text::Span;

struct Draft {
    cands: Vec<(usize, MentionForm)>,
    /// Folded words of the fullest form.
    words: Vec<String>,
    key: String,
    acronym: Option<String>,
    expansion: Option<Span>,
    kb: Option<Rc<KbEntry>>,
}

/// The type a candidate suggests on its own, with how sure it is (2 strong, 1 weak, 0 guess).
fn cand_kind(c: &Cand, kb: &KbMemo<'_>, lang: Lang) -> (EntityType, u8) {
    if let Some(e) = kb.kb.names.lookup(&c.text)
        && let Some(k) = e.kind
    {
        return (k, 3);
    }
    if let Some(h) = c.hint {
        return (h, 2);
    }
    if let Some(e) = kb_entry(c, kb) {
        return (e.kind, 2);
    }
    if let Some(h) = c.weak_hint {
        return (h, 1);
    }
    if c.acronym {
        return (EntityType::Organization, 0);
    }
    let words: Vec<&str> = c.text.split_whitespace().collect();
    if words.len() > 1 {
        let first = words[0].to_lowercase();
        let last = words[words.len() - 1].to_lowercase();
        // Ordinary words make a brand ("Blue Origin", "Natural Justice"); a first name that is
        // also a word does not (Tom Rourke, Bill Hart). French frequency lists hold first names
        // (éric, mathilde): ask English too.
        let common = |w: &str| kb::is_common_word(lang, w) && (lang == Lang::En || kb::is_common_word(Lang::En, w));
        if common(&first) && common(&last) {
            return (EntityType::Organization, 0);
        }
        // Named after a country: "France Bleu Azur", "Bank of England", "Air France".
        if words.iter().any(|w| kb.is_country(w)) {
            return (EntityType::Organization, 0);
        }
        return (EntityType::Person, 0);
    }
    (EntityType::Person, 0)
}

/// The knowledge base's entry for a candidate, when it is trustworthy: a single word that is
/// also a common word or a small town needs context (Nice, Split; Draper, Utah).
fn kb_entry(c: &Cand, kb: &KbMemo<'_>) -> Option<Rc<KbEntry>> {
    if c.acronym {
        // "WASHINGTON", "PARIS": a dateline in capitals.
        return kb.acronym(&c.text).or_else(|| {
            kb.lookup(&c.text).filter(|e| {
                c.text.chars().count() >= 4
                    && e.kind == EntityType::Place
                    && (e.category != Category::City || e.population >= 100_000)
            })
        });
    }
    let e = kb.lookup(&c.text)?;
    let single = !c.text.contains(' ');
    let in_context = c.weak_hint == Some(EntityType::Place);
    if e.category == Category::City && single && !in_context && e.common_word {
        return None;
    }
    if e.common_word && c.clause_initial && !in_context {
        return None;
    }
    Some(e)
}

/// The drafts filed under each value of the fields the grouping matches on, so that finding the
/// last (or first) draft that matches looks only at drafts with that value. A draft is filed
/// again whenever one of those fields changes; the old filings stay but no longer match.
#[derive(Default)]
struct DraftIndex {
    by_key: FxHashMap<String, Vec<usize>>,
    by_acronym: FxHashMap<String, Vec<usize>>,
    by_kb: FxHashMap<String, Vec<usize>>,
    by_last: FxHashMap<String, Vec<usize>>,
    by_first: FxHashMap<String, Vec<usize>>,
}

impl DraftIndex {
    fn file(&mut self, i: usize, d: &Draft) {
        let file = |map: &mut FxHashMap<String, Vec<usize>>, value: &str| match map.get_mut(value) {
            Some(list) if list.last() == Some(&i) => {}
            Some(list) => list.push(i),
            None => {
                map.insert(value.to_owned(), vec![i]);
            }
        };
        file(&mut self.by_key, &d.key);
        if let Some(a) = &d.acronym {
            file(&mut self.by_acronym, a);
        }
        if let Some(k) = &d.kb {
            file(&mut self.by_kb, &k.name);
        }
        if let (Some(first), Some(last)) = (d.words.first(), d.words.last()) {
            file(&mut self.by_first, first);
            file(&mut self.by_last, last);
        }
    }

    /// The last draft filed under `value` in `map` that matches (what `rposition` would find
    /// among all drafts, when `matches` implies the value).
    fn last(
        &self,
        drafts: &[Draft],
        map: &FxHashMap<String, Vec<usize>>,
        value: &str,
        matches: impl Fn(&Draft) -> bool,
    ) -> Option<usize> {
        filed(drafts, map, value, matches).max()
    }

    /// The first such draft (what `position` would find).
    fn first(
        &self,
        drafts: &[Draft],
        map: &FxHashMap<String, Vec<usize>>,
        value: &str,
        matches: impl Fn(&Draft) -> bool,
    ) -> Option<usize> {
        filed(drafts, map, value, matches).min()
    }
}

/// The drafts filed under `value` in `map` that match.
fn filed<'m>(
    drafts: &'m [Draft],
    map: &'m FxHashMap<String, Vec<usize>>,
    value: &str,
    matches: impl Fn(&Draft) -> bool + 'm,
) -> impl Iterator<Item = usize> + 'm {
    map.get(value)
        .into_iter()
        .flatten()
        .copied()
        .filter(move |&i| matches(&drafts[i]))
}

/// A candidate's lookup key and its folded words.
fn folded(s: &str) -> (String, Vec<String>) {
    let key = kb::fold(s);
    let words = key.split(' ').map(str::to_owned).collect();
    (key, words)
}

pub(super) fn group(doc: &Document, kb: &KbMemo<'_>, cands: Vec<Cand>) -> Vec<Entity> {
    let lang = doc.lang;
    // Title-case headline words count only when the body confirms them.
    let folded: Vec<(String, Vec<String>)> = cands.iter().map(|c| folded(&c.text)).collect();
    let strong_keys: FxHashSet<&str> = cands
        .iter()
        .zip(&folded)
        .filter(|(c, _)| !c.weak)
        .flat_map(|(_, (_, words))| words.iter().map(String::as_str))
        .collect();
    let keep: Vec<bool> = cands
        .iter()
        .zip(&folded)
        .map(|(c, (_, words))| {
            !c.weak
                || words.iter().all(|w| strong_keys.contains(w.as_str()))
                || kb.lookup(&c.text).is_some_and(|e| !e.common_word)
                || c.acronym && kb.acronym(&c.text).is_some()
        })
        .collect();
    drop(strong_keys);
    let (cands, folded): (Vec<Cand>, Vec<(String, Vec<String>)>) = cands
        .into_iter()
        .zip(folded)
        .zip(keep)
        .filter_map(|(pair, keep)| keep.then_some(pair))
        .unzip();
    let kinds: Vec<(EntityType, u8)> = cands.iter().map(|c| cand_kind(c, kb, lang)).collect();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut index = DraftIndex::default();
    for (ci, (c, (key, words))) in cands.iter().zip(folded).enumerate() {
        let entry = kb_entry(c, kb);
        let found = if let Some(acr) = &c.expansion_of {
            index
                .last(&drafts, &index.by_acronym, acr, |d| d.acronym.as_deref() == Some(acr))
                .max(index.last(&drafts, &index.by_key, &key, |d| d.key == key))
                .map(|i| (i, MentionForm::Expansion))
        } else if c.acronym {
            index
                .last(&drafts, &index.by_acronym, &c.text, |d| {
                    d.acronym.as_deref() == Some(c.text.as_str())
                })
                .or_else(|| index.last(&drafts, &index.by_key, &key, |d| d.key == key))
                .or_else(|| {
                    entry.as_ref().and_then(|e| {
                        index.last(&drafts, &index.by_kb, &e.name, |d| {
                            d.kb.as_ref().is_some_and(|k| k.name == e.name)
                        })
                    })
                })
                .map(|i| (i, MentionForm::Acronym))
        } else {
            index
                .last(&drafts, &index.by_key, &key, |d| d.key == key)
                .map(|i| (i, MentionForm::Full))
                .or_else(|| {
                    // A surname ("Holloway") or the first word of an organisation ("Tyvak").
                    if words.len() >= 3 || entry.as_ref().is_some_and(|e| e.category != Category::City) {
                        return None;
                    }
                    let longer = |d: &Draft| d.words.len() > words.len();
                    let last_word = words.last().map_or("", String::as_str);
                    index
                        .last(&drafts, &index.by_last, last_word, |d| {
                            longer(d) && d.words.ends_with(&words) && kinds[d.cands[0].0].0 == EntityType::Person
                        })
                        .or_else(|| {
                            index.last(&drafts, &index.by_last, last_word, |d| {
                                longer(d) && d.words.ends_with(&words)
                            })
                        })
                        .or_else(|| {
                            index.last(&drafts, &index.by_first, &words[0], |d| {
                                longer(d) && d.words.starts_with(&words) && kinds[d.cands[0].0].0 != EntityType::Person
                            })
                        })
                        .map(|i| (i, MentionForm::Short))
                })
                .or_else(|| {
                    entry
                        .as_ref()
                        .and_then(|e| {
                            index.last(&drafts, &index.by_kb, &e.name, |d| {
                                d.kb.as_ref().is_some_and(|k| k.name == e.name)
                            })
                        })
                        .map(|i| (i, MentionForm::Full))
                })
        };
        match found {
            Some((i, form)) => {
                let d = &mut drafts[i];
                d.cands.push((ci, form));
                if c.expansion_of.is_some() {
                    d.expansion = Some(c.span);
                    d.acronym = c.expansion_of.clone();
                }
                if form != MentionForm::Acronym && words.len() > d.words.len() {
                    d.words = words;
                    d.key = key;
                }
                if d.kb.is_none() {
                    d.kb = entry;
                }
                index.file(i, d);
            }
            None => {
                // A full name after its surname alone ("Trump ... Donald Trump").
                let single_before = (words.len() > 1 && !c.acronym && c.expansion_of.is_none())
                    .then(|| {
                        index.first(&drafts, &index.by_last, words.last().map_or("", String::as_str), |d| {
                            d.words.len() == 1 && d.acronym.is_none() && words.last() == d.words.last()
                        })
                    })
                    .flatten();
                if let Some(i) = single_before {
                    let d = &mut drafts[i];
                    d.cands.push((ci, MentionForm::Full));
                    d.words = words;
                    d.key = key;
                    index.file(i, d);
                    continue;
                }
                drafts.push(Draft {
                    cands: vec![(
                        ci,
                        if c.acronym {
                            MentionForm::Acronym
                        } else if c.expansion_of.is_some() {
                            MentionForm::Expansion
                        } else {
                            MentionForm::Full
                        },
                    )],
                    words,
                    key,
                    acronym: if c.acronym {
                        Some(c.text.clone())
                    } else {
                        c.expansion_of.clone()
                    },
                    expansion: c.expansion_of.as_ref().map(|_| c.span),
                    kb: entry,
                });
                index.file(drafts.len() - 1, &drafts[drafts.len() - 1]);
            }
        }
    }
    // Words the article also writes in lowercase are ordinary words ("Green hydrogen", "la Bourse").
    let lowercase: FxHashSet<Cow<'_, str>> = doc
        .words
        .iter()
        .map(|w| doc.slice(w.span))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(lang::lowercase)
        .collect();
    let mut ids = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in drafts {
        // Common nouns the knowledge base knows only for their acronyms (CEO, PDG, IA).
        if d.kb.as_ref().is_some_and(|k| {
            k.category == Category::Curated
                && k.kind == EntityType::Other
                && k.name.chars().next().is_some_and(char::is_lowercase)
        }) {
            continue;
        }
        let single_word = d.cands.iter().all(|&(ci, f)| {
            f == MentionForm::Full && !cands[ci].text.contains(' ') && !cands[ci].acronym && cands[ci].hint.is_none()
        });
        if single_word && d.kb.is_none() && kb.kb.names.lookup(&cands[d.cands[0].0].text).is_none() {
            let w = cands[d.cands[0].0].text.to_lowercase();
            // Plural nationality and group nouns: "Latinos", "Italiens", "Environmentalists".
            // In French the frequency list holds names too: ask for the article ("les Italiens").
            let first = cands[d.cands[0].0].span.start;
            let prev = doc.markup.prose[..first]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let plural_common = w.ends_with('s')
                && kb::is_common_word(lang, &w)
                && (lang == Lang::En
                    || matches!(prev.as_str(), "les" | "des" | "aux" | "ces" | "nos" | "vos" | "leurs"));
            if lowercase.contains(w.as_str()) || plural_common {
                continue;
            }
        }
        let has_full = d.cands.iter().any(|&(_, f)| f != MentionForm::Short);
        let kind = d
            .cands
            .iter()
            .filter(|&&(_, f)| f != MentionForm::Short || !has_full)
            .map(|&(ci, _)| kinds[ci])
            .max_by_key(|&(_, strength)| strength)
            .map_or(EntityType::Other, |(k, _)| k);
        // Surnames grouped with a full name make a person of a guess.
        let kind = if d.cands.iter().any(|&(_, f)| f == MentionForm::Short)
            && kinds[d.cands[0].0].1 == 0
            && kinds[d.cands[0].0].0 == EntityType::Person
        {
            EntityType::Person
        } else {
            kind
        };
        let mut mentions: Vec<Mention> = d
            .cands
            .iter()
            .map(|&(ci, form)| Mention {
                span: cands[ci].span,
                form,
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        mentions.dedup_by_key(|m| m.span);
        let name = d
            .cands
            .iter()
            .filter(|&&(_, f)| f != MentionForm::Acronym)
            .map(|&(ci, _)| &cands[ci].text)
            .fold(None::<&String>, |best, t| {
                let score = |t: &String| (t.split_whitespace().count(), t.chars().any(char::is_lowercase));
                match best {
                    Some(b) if score(b) >= score(t) => Some(b),
                    _ => Some(t),
                }
            })
            .cloned()
            .or_else(|| d.kb.as_ref().map(|k| k.display_name(lang).to_owned()))
            .unwrap_or_else(|| cands[d.cands[0].0].text.clone());
        let intro = d.cands.iter().find_map(|&(ci, _)| {
            cands[ci].intro.as_ref().map(|(span, text)| Intro {
                span: *span,
                text: text.clone(),
            })
        });
        let mut id: String = kb::fold(&name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        if id.is_empty() {
            id = "name".to_owned();
        }
        let base = id.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let acronym = d.acronym.filter(|a| is_acronym(a) || a.chars().any(char::is_uppercase));
        out.push(Entity {
            id,
            name,
            kind,
            mentions,
            kb: d.kb.map(Rc::unwrap_or_clone),
            intro,
            acronym,
            expansion: d.expansion,
        });
    }
    out.sort_by_key(|e| e.mentions.first().map(|m| m.span.start));
    out
}
