//! The two languages copydesk reads, and their word lists.
//!
//! Word lists are data files (`src/lang/en/*.txt`, `src/lang/fr/*.txt`: one entry a line, `#`
//! starts a comment), embedded with `include_str!`, parsed once on first use, and validated by a
//! test. Code asks for a list by name and language; it never spells a word list inline.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

/// An article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// `en`, `fr`, `english`, `français`, `fr-FR`, `en_GB`…
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_lowercase();
        let head = s.split(['-', '_']).next().unwrap_or("");
        match head {
            "en" | "eng" | "english" | "anglais" => Some(Lang::En),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks English or French from the text; `None` when the text says too little.
    pub fn detect(text: &str) -> Option<Lang> {
        let mut en = 0usize;
        let mut fr = 0usize;
        for w in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(5000)
        {
            let lw = w.to_lowercase();
            en += usize::from(stopwords(Lang::En).contains(&lw));
            fr += usize::from(stopwords(Lang::Fr).contains(&lw));
        }
        if en + fr >= 3 && en != fr {
            return Some(if fr > en { Lang::Fr } else { Lang::En });
        }
        let info = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra]).detect(text)?;
        Some(if info.lang() == whatlang::Lang::Fra {
            Lang::Fr
        } else {
            Lang::En
        })
    }

    /// Picks the English or the French of a pair: `lang.pick("said", "a dit")`.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// The word in lowercase, borrowed when it already is (ASCII without capitals).
pub fn lowercase(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// Every word of the `titles` list, multi-word titles split ("prime minister": "prime",
/// "minister"), for code that reads a title word by word.
pub fn title_words(lang: Lang) -> &'static FxHashSet<String> {
    fn build(lang: Lang) -> FxHashSet<String> {
        titles(lang)
            .entries()
            .iter()
            .flat_map(|t| t.split_whitespace().map(str::to_owned))
            .collect()
    }
    static EN: LazyLock<FxHashSet<String>> = LazyLock::new(|| build(Lang::En));
    static FR: LazyLock<FxHashSet<String>> = LazyLock::new(|| build(Lang::Fr));
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// One parsed word list, lowercased entries.
#[derive(Debug)]
pub struct WordList {
    entries: Vec<String>,
    set: FxHashSet<String>,
    /// For `key = value` lists: each key's values, in file order.
    values: FxHashMap<String, Vec<String>>,
    /// Every leading and every trailing part of each key, built on first use.
    affixes: OnceLock<Affixes>,
    /// Every entry between two spaces, for [`WordList::any_spaced_in`], built on first use.
    spaced: OnceLock<AhoCorasick>,
}

#[derive(Debug, Default)]
struct Affixes {
    prefixes: FxHashSet<String>,
    suffixes: FxHashSet<String>,
}

impl WordList {
    fn parse(data: &str) -> WordList {
        let entries: Vec<String> = data
            .lines()
            .map(|l| l.split_once(" #").map_or(l, |(a, _)| a).trim())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        let set = entries.iter().cloned().collect();
        let mut values: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (key, value) in entries.iter().filter_map(|e| e.split_once(" = ")) {
            values
                .entry(key.trim().to_owned())
                .or_default()
                .push(value.trim().to_owned());
        }
        WordList {
            entries,
            set,
            values,
            affixes: OnceLock::new(),
            spaced: OnceLock::new(),
        }
    }

    /// Does `text` hold an entry with a space on each side (" rose to ")? One pass over the
    /// text, whatever the length of the list.
    pub fn any_spaced_in(&self, text: &str) -> bool {
        self.spaced
            .get_or_init(|| {
                AhoCorasick::new(self.entries.iter().map(|e| format!(" {e} "))).expect("word lists are small")
            })
            .is_match(text)
    }

    fn affixes(&self) -> &Affixes {
        self.affixes.get_or_init(|| {
            let mut a = Affixes::default();
            for key in self.values.keys() {
                for (i, _) in key.char_indices().skip(1).chain([(key.len(), ' ')]) {
                    a.prefixes.insert(key[..i].to_owned());
                }
                for (i, _) in key.char_indices() {
                    a.suffixes.insert(key[i..].to_owned());
                }
            }
            a
        })
    }

    /// Does some key of this `key = value` list start with `text`? Lets a phrase lookup stop
    /// extending a phrase as soon as no key can match.
    pub fn key_starts_with(&self, text: &str) -> bool {
        self.affixes().prefixes.contains(text)
    }

    /// Does some key of this `key = value` list end with `text`?
    pub fn key_ends_with(&self, text: &str) -> bool {
        self.affixes().suffixes.contains(text)
    }

    /// The values of `key` (already lowercased) in a `key = value` list, in file order: a hash
    /// lookup, for code on the hot path of every word.
    pub fn values(&self, key: &str) -> &[String] {
        self.values.get(key).map_or(&[], Vec::as_slice)
    }

    /// The first value of `key` in a `key = value` list.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values(key).first().map(String::as_str)
    }

    /// Is `word` (already lowercased) in the list?
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    /// Case-insensitive membership.
    pub fn contains_ci(&self, word: &str) -> bool {
        self.set.contains(&word.to_lowercase())
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

macro_rules! word_lists {
    ($($name:ident),* $(,)?) => {
        $(
            #[doc = concat!("The `", stringify!($name), "` word list of a language.")]
            pub fn $name(lang: Lang) -> &'static WordList {
                static EN: LazyLock<WordList> =
                    LazyLock::new(|| WordList::parse(include_str!(concat!("en/", stringify!($name), ".txt"))));
                static FR: LazyLock<WordList> =
                    LazyLock::new(|| WordList::parse(include_str!(concat!("fr/", stringify!($name), ".txt"))));
                match lang {
                    Lang::En => &EN,
                    Lang::Fr => &FR,
                }
            }
        )*
        /// Every list, for validation: (name, language, list).
        pub fn all_lists() -> Vec<(&'static str, Lang, &'static WordList)> {
            vec![$(
                (stringify!($name), Lang::En, $name(Lang::En)),
                (stringify!($name), Lang::Fr, $name(Lang::Fr)),
            )*]
        }
    };
}

// One line per list; each list has an `en/NAME.txt` and a `fr/NAME.txt`.
word_lists! {
    stopwords,
    abbreviations,
    grammatical_doubles,
    complementizer_doubles,
    clause_openers,
    prepositions,
    months,
    weekdays,
    date_numbers,
    date_relative,
    date_holidays,
    date_future,
    date_named_weekdays,
    date_clause_breaks,
    date_events,
    date_past,
    number_words,
    number_scales,
    approx_words,
    change_words,
    figure_units,
    figure_skip_before,
    figure_skip_after,
    phrase_stops,
    casualty_words,
    person_nouns,
    share_vetoes,
    contrast_words,
    speech_verbs,
    attribution_cues,
    speaker_pronouns,
    source_nouns,
    scare_cues,
    cue_adverbs,
    source_phrase_breaks,
    source_determiners,
    clause_conjunctions,
    source_definite_articles,
    speaker_feminine_pronouns,
    speaker_masculine_pronouns,
    titles,
    not_names,
    name_heads,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_non_empty_without_duplicates() {
        for (name, lang, list) in all_lists() {
            assert!(!list.entries().is_empty(), "{name}/{lang:?} is empty");
            let mut seen = FxHashSet::default();
            for e in list.entries() {
                assert!(seen.insert(e), "{name}/{lang:?} repeats {e:?}");
                assert_eq!(e, e.trim(), "{name}/{lang:?} entry {e:?} has stray spaces");
            }
        }
    }

    #[test]
    fn detects_both_languages() {
        assert_eq!(
            Lang::detect("Le ministre a déclaré que les forces de la coalition sont dans la ville."),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::detect("The minister said that the forces of the coalition are in the city."),
            Some(Lang::En)
        );
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
    }
}
