//! Names: people, organisations and places, with their mentions grouped.
//!
//! [`recognize`] finds the candidate mentions (capitalised sequences in context, acronyms and
//! their expansions); [`group`] decides which mentions name the same entity (full name, surname,
//! title + surname, acronym, accent and case variants) and what type each entity is, using the
//! knowledge base ([`crate::kb`]) and the newsroom's names file.

mod group;
mod recognize;
pub mod similar;
pub mod workspace;

pub(crate) use recognize::strip_possessive;

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::analysis::document::Document;
use crate::config::Config;
use crate::kb::{Category, KbEntry, Knowledge};
use crate::text::Span;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
            EntityType::Other => "other",
        }
    }

    /// The word for it in a language ("personne", "lieu").
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            EntityType::Person => lang.pick("person", "personne"),
            EntityType::Organization => lang.pick("organisation", "organisation"),
            EntityType::Place => lang.pick("place", "lieu"),
            EntityType::Other => lang.pick("other", "autre"),
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MentionForm {
    /// The name as written in full (or the only form the article uses).
    #[default]
    Full,
    /// A shorter form: a surname alone, the first words of an organisation.
    Short,
    /// The acronym ("EI", "WHO").
    Acronym,
    /// The words an acronym stands for, right before it in parentheses.
    Expansion,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub form: MentionForm,
}

/// How the article introduced an entity: a title before it ("le ministre"), or an apposition
/// after it ("the mayor of Springfield").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intro {
    pub span: Span,
    pub text: String,
}

/// One person, organisation or place, with every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// A stable slug of the canonical name (`etat-islamique`).
    pub id: String,
    /// The canonical name (the fullest form the article uses, or the knowledge base's).
    pub name: String,
    pub kind: EntityType,
    /// In text order.
    pub mentions: Vec<Mention>,
    /// What the knowledge base (names file first) knows about it.
    pub kb: Option<KbEntry>,
    /// The title or apposition that introduced it.
    pub intro: Option<Intro>,
    /// Its acronym, when the article uses one.
    pub acronym: Option<String>,
    /// Where the article spells the acronym out ("Etat islamique" before "(EI)").
    pub expansion: Option<Span>,
}

impl Mention {
    /// A mention written in full.
    pub fn full(span: Span) -> Mention {
        Mention {
            span,
            form: MentionForm::Full,
        }
    }
}

impl Entity {
    /// An entity known only by its mentions (no knowledge-base entry, introduction or acronym).
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: EntityType, mentions: Vec<Mention>) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind,
            mentions,
            kb: None,
            intro: None,
            acronym: None,
            expansion: None,
        }
    }

    /// The mentions written as the acronym.
    pub fn acronym_mentions(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| m.form == MentionForm::Acronym)
    }
}

/// Finds the article's names.
pub fn extract(doc: &Document, config: &Config) -> Vec<Entity> {
    let kb = KbMemo::new(Knowledge::new(&config.names));
    let cands = recognize::candidates(doc, &kb);
    group::group(doc, &kb, cands)
}

/// The knowledge base as one extraction asks it: each spelling looked up once. An article names
/// the same people and places again and again, and a lookup folds the name, searches the names
/// file and the bundled data, and builds the entries.
struct KbMemo<'a> {
    kb: Knowledge<'a>,
    entries: RefCell<FxHashMap<String, Option<Rc<KbEntry>>>>,
    acronyms: RefCell<FxHashMap<String, Option<Rc<KbEntry>>>>,
    /// Is the bundled data's best entry for the name a country?
    countries: RefCell<FxHashMap<String, bool>>,
}

impl<'a> KbMemo<'a> {
    fn new(kb: Knowledge<'a>) -> KbMemo<'a> {
        KbMemo {
            kb,
            entries: RefCell::default(),
            acronyms: RefCell::default(),
            countries: RefCell::default(),
        }
    }

    /// [`Knowledge::lookup`].
    fn lookup(&self, name: &str) -> Option<Rc<KbEntry>> {
        memo(&self.entries, name, || self.kb.lookup(name).map(Rc::new))
    }

    /// [`Knowledge::acronym`].
    fn acronym(&self, acronym: &str) -> Option<Rc<KbEntry>> {
        memo(&self.acronyms, acronym, || self.kb.acronym(acronym).map(Rc::new))
    }

    /// Is the bundled data's best entry for `name` a country ("France" in "Air France")?
    fn is_country(&self, name: &str) -> bool {
        memo(&self.countries, name, || {
            self.kb
                .bundled
                .lookup(name)
                .first()
                .is_some_and(|e| e.category == Category::Country)
        })
    }
}

fn memo<T: Clone>(map: &RefCell<FxHashMap<String, T>>, key: &str, compute: impl FnOnce() -> T) -> T {
    if let Some(v) = map.borrow().get(key) {
        return v.clone();
    }
    let v = compute();
    map.borrow_mut().insert(key.to_owned(), v.clone());
    v
}

#[cfg(test)]
mod tests {
    use super::EntityType;
    use crate::analysis::checks::test_support::run;
    use crate::lang::Lang;

    fn entities(text: &str, lang: Lang) -> Vec<(String, &'static str, Vec<String>)> {
        let a = run(text, lang, None);
        a.facts
            .entities
            .iter()
            .map(|e| {
                (
                    e.name.clone(),
                    e.kind.as_str(),
                    e.mentions.iter().map(|m| a.doc.slice(m.span).to_owned()).collect(),
                )
            })
            .collect()
    }

    fn find<'a>(es: &'a [(String, &'static str, Vec<String>)], name: &str) -> &'a (String, &'static str, Vec<String>) {
        es.iter()
            .find(|e| e.0 == name)
            .unwrap_or_else(|| panic!("no entity {name:?} in {es:#?}"))
    }

    #[test]
    fn english_people_places_organisations() {
        let es = entities(
            "Mayor Jane Holloway said on Monday that the World Health Organization (WHO) would visit \
Springfield. Holloway, the mayor of Springfield, met Dr. Amir Khalil in Geneva. The WHO team \
arrives in March. However, Khalil's staff said the Larkspur Robotics deal was off.",
            Lang::En,
        );
        let jane = find(&es, "Jane Holloway");
        assert_eq!(jane.1, "person");
        assert_eq!(jane.2, ["Jane Holloway", "Holloway"]);
        let who = find(&es, "World Health Organization");
        assert_eq!(who.1, "organization");
        assert_eq!(who.2, ["World Health Organization", "WHO", "WHO"]);
        let khalil = find(&es, "Amir Khalil");
        assert_eq!(khalil.1, "person");
        assert_eq!(
            khalil.2,
            ["Amir Khalil", "Khalil"],
            "the possessive is not part of the name"
        );
        assert_eq!(find(&es, "Geneva").1, "place");
        assert_eq!(find(&es, "Larkspur Robotics").1, "organization");
        for not_a_name in ["Monday", "March", "However", "The"] {
            assert!(
                es.iter().all(|e| e.0 != not_a_name),
                "{not_a_name} is not a name: {es:#?}"
            );
        }
    }

    #[test]
    fn french_titles_particles_acronyms_and_variants() {
        let es = entities(
            "Le ministre Paul-Henri de Villemur a rencontré Mme Odile Ferrand à Mossoul. \
Selon M. de Villemur, la guerre contre l'EI continue. Les combattants de l'Etat islamique (EI) \
reculent, a indiqué l'Office fédéral de la météorologie (OFM). Mme Ferrand a parlé à SKYNEWS, \
puis à Skynews encore. L'État islamique a démenti.",
            Lang::Fr,
        );
        let p = find(&es, "Paul-Henri de Villemur");
        assert_eq!(p.1, "person");
        assert_eq!(p.2, ["Paul-Henri de Villemur", "Villemur"]);
        assert_eq!(find(&es, "Odile Ferrand").2, ["Odile Ferrand", "Ferrand"]);
        assert_eq!(find(&es, "Mossoul").1, "place");
        let ei = find(&es, "Etat islamique");
        assert_eq!(ei.1, "organization");
        assert_eq!(ei.2, ["EI", "Etat islamique", "EI", "État islamique"]);
        let office = find(&es, "Office fédéral de la météorologie");
        assert_eq!(office.1, "organization");
        assert_eq!(office.2.len(), 2);
        let sky = es
            .iter()
            .find(|e| e.2.contains(&"SKYNEWS".to_owned()))
            .expect("Sky News");
        assert_eq!(sky.2, ["SKYNEWS", "Skynews"]);
        assert!(es.iter().all(|e| e.0 != "Selon" && e.0 != "Le"), "{es:#?}");
    }

    #[test]
    fn roman_numerals_stay_with_the_name() {
        let es = entities("Historians compared it with World War II and with Louis XIV.", Lang::En);
        assert!(es.iter().any(|e| e.0 == "World War II"), "{es:#?}");
        assert!(es.iter().any(|e| e.0 == "Louis XIV"), "{es:#?}");
    }

    #[test]
    fn common_word_towns_need_context_and_headlines_prove_nothing() {
        let es = entities(
            "Reading the budget, Councillor Ines Ferreira said it was nice work. She stayed in Nice \
on Friday. Mobile phones were banned in Split.",
            Lang::En,
        );
        assert!(es.iter().all(|e| e.0 != "Reading" && e.0 != "Mobile"), "{es:#?}");
        assert_eq!(find(&es, "Nice").1, "place");
        assert_eq!(find(&es, "Split").1, "place");
        assert_eq!(find(&es, "Ines Ferreira").1, "person");
    }

    #[test]
    fn french_appositions_and_datelines() {
        let a = run(
            "LYON (AFP) - Claire Maubourg, porte-parole de la préfecture, a confirmé l'accident. \
Selon Mme Maubourg, la Banque de France n'est pas concernée.",
            Lang::Fr,
            None,
        );
        let claire = a
            .facts
            .entities
            .iter()
            .find(|e| e.name == "Claire Maubourg")
            .expect("Claire Maubourg");
        assert_eq!(claire.kind, EntityType::Person);
        assert_eq!(
            claire.intro.as_ref().map(|i| i.text.as_str()),
            Some("porte-parole de la préfecture")
        );
        assert_eq!(claire.mentions.len(), 2);
        let lyon = a.facts.entities.iter().find(|e| e.name == "Lyon").expect("LYON");
        assert_eq!(lyon.kind, EntityType::Place);
        let bank = a
            .facts
            .entities
            .iter()
            .find(|e| e.name == "Banque de France")
            .expect("Banque de France");
        assert_eq!(bank.kind, EntityType::Organization);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics(text in "([A-ZÉ][a-zé]{0,8}|[a-z]{1,6}|[A-Z]{2,5}|[.,;:'’«»()\\- \u{a0}\n]|\\(OTAN\\)|M\\. |U\\.S\\.){0,40}") {
            for lang in [Lang::En, Lang::Fr] {
                let doc = crate::analysis::Document::new(&text, crate::markup::Format::PlainText, Some(lang));
                let config = crate::config::Config::cli_default();
                let es = super::extract(&doc, &config);
                for e in &es {
                    for m in &e.mentions {
                        assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                    }
                }
                let a = run(&text, lang, None);
                assert!(a.findings.iter().all(|f| f.span.is_none_or(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))));
            }
        }
    }
}
