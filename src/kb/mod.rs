//! The knowledge base: what copydesk knows about names before reading the article.
//!
//! Two sources, the first winning:
//! - the newsroom's names file ([`NamesFile`], parsed from the text a front end read at the path
//!   `names_file` of the configuration; the core never reads files);
//! - the bundled data in `src/kb/data/` (see its `NOTICE.md`): places generated from GeoNames and
//!   ISO 3166 by `scripts/gen_kb.py`, and a curated file of organisations and acronyms. It is
//!   embedded with `include_str!` and indexed once, on first use ([`bundled`]).
//!
//! Lookups are by [`fold`]ed key: accents, case, hyphens and dots do not matter ("Etats-Unis" =
//! "États Unis"; "SKYNEWS" = "Skynews").

mod names_file;

pub use names_file::{NameEntry, NamesFile, NamesFormat};

use std::collections::HashMap;

use std::sync::LazyLock;

use crate::analysis::extract::EntityType;
use crate::lang::Lang;

const PLACES: &str = include_str!("data/places.tsv");
const PLACES_INDEX: &str = include_str!("data/places_index.tsv");
const ORGANIZATIONS: &str = include_str!("data/organizations.tsv");
const COMMON_EN: &str = include_str!("data/common_en.txt");
const COMMON_FR: &str = include_str!("data/common_fr.txt");

/// What kind of record an entry is (for descriptions and for ranking homonyms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// From the newsroom's names file.
    House,
    /// Curated organisations, institutions, agencies, acronyms.
    Curated,
    Country,
    Continent,
    Region,
    City,
}

/// One thing the knowledge base knows.
#[derive(Debug, Clone, PartialEq)]
pub struct KbEntry {
    /// The canonical name (English for bundled places; as written in the names file).
    pub name: String,
    /// The French name, when it differs.
    pub name_fr: Option<String>,
    pub kind: EntityType,
    pub category: Category,
    /// ISO 3166 alpha-2 code of the country it is in (places).
    pub country: Option<String>,
    pub population: u64,
    pub acronyms: Vec<String>,
    /// Folded lookup keys of its other names.
    pub aliases: Vec<String>,
    /// An acronym of it needs no expansion in a news story (UN, AFP, CEO).
    pub known: bool,
    /// The name is also an ordinary lowercase word (Nice, Split, Reading): it needs context.
    pub common_word: bool,
    pub description_en: String,
    pub description_fr: String,
    /// The newsroom's preferred spelling (names file).
    pub preferred: Option<String>,
}

impl KbEntry {
    /// The name to show in `lang`.
    pub fn display_name(&self, lang: Lang) -> &str {
        match (lang, &self.name_fr) {
            (Lang::Fr, Some(fr)) => fr,
            _ => &self.name,
        }
    }

    /// "city in Iraq" / "ville (Irak)".
    pub fn description(&self, lang: Lang) -> String {
        let d = lang.pick(&self.description_en, &self.description_fr);
        if !d.is_empty() {
            return d.clone();
        }
        let country = self
            .country
            .as_deref()
            .and_then(|c| bundled().country(c))
            .map(|c| c.display_name(lang).to_owned());
        let what = match self.category {
            Category::City => lang.pick("city", "ville"),
            Category::Region => lang.pick("region", "région"),
            Category::Country => lang.pick("country", "pays"),
            Category::Continent => lang.pick("continent", "continent"),
            _ => "",
        };
        match (what, country) {
            ("", _) => String::new(),
            (w, Some(c)) if self.category != Category::Country => match lang {
                Lang::En => format!("{w} in {c}"),
                Lang::Fr => format!("{w} ({c})"),
            },
            (w, _) => w.to_owned(),
        }
    }
}

/// The bundled knowledge base. The curated organisations (a few hundred lines) are indexed at
/// first use; the places (tens of thousands) are never parsed as a whole: `places_index.tsv` is
/// indexed by key on first use (a few milliseconds), and a lookup parses only the few lines its
/// key points at.
#[derive(Debug)]
pub struct Kb {
    curated: Vec<KbEntry>,
    by_key: HashMap<String, Vec<u32>>,
    by_acronym: HashMap<String, u32>,
    countries: HashMap<String, KbEntry>,
}

/// The bundled knowledge base, parsed on first use.
pub fn bundled() -> &'static Kb {
    static KB: LazyLock<Kb> = LazyLock::new(Kb::load);
    &KB
}

/// The lookup key of a name: compatibility-decomposed, ASCII letters only (accents dropped),
/// lowercase, hyphens as spaces, no dots, single spaces, ’ as '.
pub fn fold(s: &str) -> String {
    let mut folded = Folded::with_capacity(s.len());
    // Decomposing character by character gives the NFKD of the string but for the order of
    // combining marks, which are not ASCII and are dropped anyway.
    for c in s.chars() {
        if c.is_ascii() {
            folded.push(c);
        } else {
            unicode_normalization::char::decompose_compatible(c, |d| folded.push(d));
        }
    }
    folded.finish()
}

/// [`fold`]'s output as decomposed characters are pushed into it.
struct Folded {
    out: String,
    /// The last character kept was a space (or nothing was kept yet).
    space: bool,
}

impl Folded {
    fn with_capacity(n: usize) -> Folded {
        Folded {
            out: String::with_capacity(n),
            space: true,
        }
    }

    fn push(&mut self, c: char) {
        let c = match c {
            '’' | '‘' => '\'',
            '-' | '‐' | '–' | ' ' | '\u{a0}' | '\u{202f}' | '\t' | '\n' => ' ',
            c => c,
        };
        if c == ' ' {
            if !self.space {
                self.out.push(' ');
            }
            self.space = true;
        } else if c.is_ascii() && c != '.' {
            self.out.push(c.to_ascii_lowercase());
            self.space = false;
        }
    }

    fn finish(mut self) -> String {
        if self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out
    }
}

fn split_list(s: &str) -> Vec<String> {
    if s == "-" || s.is_empty() {
        return Vec::new();
    }
    s.split('|').map(str::to_owned).collect()
}

/// An embedded text of lines keyed by their first tab-separated field (lines with one key are
/// consecutive), indexed on first use (a few milliseconds) so that a lookup is a hash lookup.
/// The table holds line numbers only, the keys staying in the text: 8 bytes a key, a third of a
/// map of `&str` keys (the places index has well over a hundred thousand).
struct KeyedLines {
    text: &'static str,
    /// The byte offset of each line's start.
    starts: Vec<u32>,
    /// For each key, the range of `starts` holding its lines.
    by_key: hashbrown::HashTable<(u32, u32)>,
}

impl KeyedLines {
    fn new(text: &'static str) -> KeyedLines {
        let starts: Vec<u32> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .map(|i| i as u32)
            .collect();
        let key_of = |line: u32| key_of_line(text, starts[line as usize]);
        // At most one key a line: sized once, the table never grows (it would rehash every key).
        let mut by_key = hashbrown::HashTable::with_capacity(starts.len());
        // Lines of one key are consecutive: one entry per run.
        let mut first = 0u32;
        let mut key = starts.first().map_or("", |_| key_of(0));
        for i in 1..=starts.len() as u32 {
            let next = if (i as usize) < starts.len() {
                Some(key_of(i))
            } else {
                None
            };
            if next == Some(key) {
                continue;
            }
            by_key.insert_unique(hash(key), (first, i), |&(f, _)| hash(key_of(f)));
            first = i;
            key = next.unwrap_or_default();
        }
        KeyedLines { text, starts, by_key }
    }

    /// The key of line number `line`.
    fn key_at(&self, line: u32) -> &'static str {
        key_of_line(self.text, self.starts[line as usize])
    }

    /// The line starting at `start`, without its newline.
    fn line_at(&self, start: u32) -> &'static str {
        line_at(self.text, start)
    }

    fn range(&self, key: &str) -> Option<(u32, u32)> {
        self.by_key.find(hash(key), |&(f, _)| self.key_at(f) == key).copied()
    }

    /// The lines whose first field is `key`.
    fn lines(&self, key: &str) -> impl Iterator<Item = &'static str> {
        let (first, end) = self.range(key).unwrap_or((0, 0));
        self.starts[first as usize..end as usize]
            .iter()
            .map(|&s| self.line_at(s))
    }

    fn contains(&self, key: &str) -> bool {
        self.range(key).is_some()
    }
}

/// The line of `text` starting at `start`, without its newline.
fn line_at(text: &'static str, start: u32) -> &'static str {
    let rest = &text[start as usize..];
    rest.split_once('\n').map_or(rest, |(line, _)| line)
}

/// The first tab-separated field of the line starting at `start`.
fn key_of_line(text: &'static str, start: u32) -> &'static str {
    let line = line_at(text, start);
    line.split_once('\t').map_or(line, |(k, _)| k)
}

fn hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

static PLACES_INDEX_LINES: LazyLock<KeyedLines> = LazyLock::new(|| KeyedLines::new(PLACES_INDEX));
static COMMON_EN_LINES: LazyLock<KeyedLines> = LazyLock::new(|| KeyedLines::new(COMMON_EN));
static COMMON_FR_LINES: LazyLock<KeyedLines> = LazyLock::new(|| KeyedLines::new(COMMON_FR));

impl Kb {
    fn load() -> Kb {
        let mut kb = Kb {
            curated: Vec::new(),
            by_key: HashMap::new(),
            by_acronym: HashMap::new(),
            countries: HashMap::new(),
        };
        for line in ORGANIZATIONS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let kind = parse_type(f[0]).unwrap_or(EntityType::Other);
            let aliases: Vec<String> = split_list(f[3]).iter().map(|a| fold(a)).collect();
            kb.push(KbEntry {
                name: f[1].to_owned(),
                name_fr: None,
                kind,
                category: Category::Curated,
                country: None,
                population: 0,
                acronyms: split_list(f[2]),
                aliases,
                known: f[4] == "1",
                common_word: false,
                description_en: dash_empty(f[5]),
                description_fr: dash_empty(f[6]),
                preferred: None,
            });
        }
        // Countries come first in places.tsv.
        for line in PLACES.lines().take_while(|l| l.starts_with("C\t")) {
            if let Some(e) = parse_place(line)
                && let Some(c) = e.country.clone()
            {
                kb.countries.insert(c, e);
            }
        }
        kb
    }

    fn push(&mut self, e: KbEntry) {
        let idx = self.curated.len() as u32;
        let mut keys: Vec<String> = Vec::with_capacity(1 + e.aliases.len());
        keys.push(fold(&e.name));
        keys.extend(e.aliases.iter().cloned());
        // Acronyms written as words ("Otan", "Unesco") are names too.
        keys.extend(
            e.acronyms
                .iter()
                .filter(|a| a.chars().count() >= 4 && a.chars().any(char::is_lowercase))
                .map(|a| fold(a)),
        );
        keys.sort();
        keys.dedup();
        for k in keys {
            self.by_key.entry(k).or_default().push(idx);
        }
        for a in &e.acronyms {
            self.by_acronym.entry(a.clone()).or_insert(idx);
        }
        self.curated.push(e);
    }

    /// The country with this ISO code.
    pub fn country(&self, iso2: &str) -> Option<&KbEntry> {
        self.countries.get(iso2)
    }

    /// Every entry a name may denote, best first (curated, countries, continents, regions, then
    /// cities by population).
    pub fn lookup(&self, name: &str) -> Vec<KbEntry> {
        let key = fold(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<KbEntry> = self
            .by_key
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| self.curated[i as usize].clone())
            .collect();
        for line in PLACES_INDEX_LINES.lines(&key) {
            let Some(offset) = line.split('\t').nth(1).and_then(|o| o.parse::<usize>().ok()) else {
                continue;
            };
            let Some(entry) = PLACES
                .get(offset..)
                .and_then(|rest| rest.lines().next())
                .and_then(parse_place)
            else {
                continue;
            };
            v.push(entry);
        }
        v.sort_by(|a, b| a.category.cmp(&b.category).then(b.population.cmp(&a.population)));
        v
    }

    /// The entry an acronym stands for, matched exactly (case counts: "US" and "us" differ).
    pub fn acronym(&self, acronym: &str) -> Option<&KbEntry> {
        self.by_acronym.get(acronym).map(|&i| &self.curated[i as usize])
    }

    /// How many curated entries (organisations, institutions, acronyms) there are.
    pub fn curated_len(&self) -> usize {
        self.curated.len()
    }
}

/// One line of places.tsv.
fn parse_place(line: &str) -> Option<KbEntry> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 5 {
        return None;
    }
    let category = match f[0] {
        "C" => Category::Country,
        "R" => Category::Region,
        "K" => Category::Continent,
        _ => Category::City,
    };
    Some(KbEntry {
        name: f[2].to_owned(),
        name_fr: (f[3] != "-" && f[3] != f[2]).then(|| f[3].to_owned()),
        kind: EntityType::Place,
        category,
        country: (f[1] != "-").then(|| f[1].to_owned()),
        population: f[4].parse().unwrap_or(0),
        acronyms: Vec::new(),
        aliases: Vec::new(),
        known: true,
        common_word: f.get(5).is_some_and(|x| x.contains('w')),
        description_en: String::new(),
        description_fr: String::new(),
        preferred: None,
    })
}

fn dash_empty(s: &str) -> String {
    if s == "-" { String::new() } else { s.to_owned() }
}

/// `person`, `organization`, `place`, `other` and their usual spellings in both languages.
pub fn parse_type(s: &str) -> Option<EntityType> {
    match s.trim().to_lowercase().as_str() {
        "person" | "people" | "personne" | "per" | "personne physique" => Some(EntityType::Person),
        "organization" | "organisation" | "org" | "company" | "entreprise" => Some(EntityType::Organization),
        "place" | "location" | "loc" | "lieu" | "gpe" => Some(EntityType::Place),
        "other" | "misc" | "autre" => Some(EntityType::Other),
        _ => None,
    }
}

/// Is `lower` (a lowercase word) one of the language's frequent ordinary words? (A hash lookup
/// in the embedded list, indexed on first use.)
pub fn is_common_word(lang: Lang, lower: &str) -> bool {
    let list: &KeyedLines = match lang {
        Lang::En => &COMMON_EN_LINES,
        Lang::Fr => &COMMON_FR_LINES,
    };
    !lower.is_empty() && list.contains(lower)
}

/// The knowledge base as one article sees it: the newsroom's names over the bundled data.
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    pub names: &'a NamesFile,
    pub bundled: &'static Kb,
}

impl<'a> Knowledge<'a> {
    pub fn new(names: &'a NamesFile) -> Knowledge<'a> {
        Knowledge {
            names,
            bundled: bundled(),
        }
    }

    /// The best entry for a name: the names file first, then the bundled data.
    pub fn lookup(&self, name: &str) -> Option<KbEntry> {
        if let Some(e) = self.names.lookup(name) {
            return Some(e.to_kb_entry());
        }
        self.bundled.lookup(name).into_iter().next()
    }

    /// Every bundled entry for a name (homonyms).
    pub fn lookup_all(&self, name: &str) -> Vec<KbEntry> {
        self.bundled.lookup(name)
    }

    pub fn acronym(&self, acronym: &str) -> Option<KbEntry> {
        if let Some(e) = self
            .names
            .entries
            .iter()
            .find(|e| e.aliases.iter().any(|a| a == acronym))
        {
            return Some(e.to_kb_entry());
        }
        self.bundled.acronym(acronym).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folding_ignores_accents_case_hyphens_and_dots() {
        assert_eq!(fold("États-Unis"), "etats unis");
        assert_eq!(fold("Etats Unis"), "etats unis");
        assert_eq!(fold("SKYNEWS"), fold("Skynews"));
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("L’Île-Saint-Denis"), "l'ile saint denis");
    }

    #[test]
    fn bundled_places_have_french_names_and_descriptions() {
        let kb = bundled();
        let mosul = kb.lookup("Mossoul");
        assert_eq!(mosul.first().map(|e| e.name.as_str()), Some("Mosul"));
        assert_eq!(mosul[0].description(Lang::En), "city in Iraq");
        assert_eq!(mosul[0].description(Lang::Fr), "ville (Irak)");
        let us = kb.lookup("Etats-Unis");
        assert_eq!(us.first().map(|e| e.name.as_str()), Some("United States"));
        assert_eq!(kb.lookup("Allemagne")[0].name, "Germany");
        assert!(kb.lookup("Mosoul").is_empty(), "a misspelling is not a place");
        let nice = kb.lookup("Nice");
        assert!(nice[0].common_word, "Nice needs context");
        assert!(!kb.lookup("Lyon")[0].common_word);
    }

    #[test]
    fn acronyms_are_known_or_not() {
        let kb = bundled();
        assert!(kb.acronym("OTAN").is_some_and(|e| e.known));
        assert!(kb.acronym("PDG").is_some_and(|e| e.known));
        assert!(kb.acronym("EI").is_some_and(|e| !e.known));
        assert!(kb.acronym("XYZQ").is_none());
    }

    proptest::proptest! {
        /// Decomposing character by character folds as decomposing the whole string.
        #[test]
        fn folding_matches_whole_string_nfkd(s in "([a-zA-Z .'’‘\\-–‐\u{a0}\u{202f}\t\n]|[À-ɏ]|[\u{300}-\u{36f}]|[ﬀ-ﬆ]|[①-⑩]|[가-힣]){0,30}") {
            let mut whole = Folded::with_capacity(s.len());
            for c in s.nfkd() {
                whole.push(c);
            }
            let whole = whole.finish();
            proptest::prop_assert_eq!(fold(&s), whole);
        }
    }

    #[test]
    fn keyed_data_is_sorted() {
        for text in [PLACES_INDEX, COMMON_EN, COMMON_FR] {
            let keys: Vec<&str> = text.lines().map(|l| l.split('\t').next().unwrap_or("")).collect();
            assert!(
                keys.windows(2).all(|w| w[0] <= w[1]),
                "the lines of one key must be consecutive"
            );
            assert!(keys.iter().all(|k| !k.is_empty()));
        }
    }

    #[test]
    fn common_words() {
        assert!(is_common_word(Lang::En, "however"));
        assert!(is_common_word(Lang::Fr, "selon"));
        assert!(!is_common_word(Lang::Fr, "lavoisierz"));
    }

    #[test]
    fn loads_fast_enough() {
        let t = std::time::Instant::now();
        let kb = Kb::load();
        assert!(!kb.lookup("Lyon").is_empty() && is_common_word(Lang::Fr, "selon"));
        let took = t.elapsed();
        assert!(kb.curated_len() > 100);
        // The bar is 20 ms in release builds; debug builds are several times slower.
        assert!(took.as_millis() < 200, "{took:?}");
    }
}
