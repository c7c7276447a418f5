//! Names across the workspace: the pure half of `entity.workspace-spelling` (the LSP indexes the
//! other articles and calls [`workspace_spelling`]; `check` and `analyze` judge each file alone).

use rustc_hash::{FxHashMap, FxHashSet};

use super::similar::likely_variant;
use super::{Entity, EntityType, MentionForm};
use crate::analysis::{Document, Finding, Severity};
use crate::lang::Lang;

/// The rule code of the workspace check (served by the LSP only).
pub const CODE: &str = "entity.workspace-spelling";

/// How another article of the workspace spells a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSpelling {
    /// The entity's canonical name in that article.
    pub name: String,
    /// What it names there (only people's spellings are compared; every kind feeds the hover).
    pub kind: EntityType,
    /// The language of that article: spellings are compared only within one language (French
    /// and English transliterate names differently, and rightly).
    pub lang: Lang,
    /// One word of a name as written there ("Zelenskyy").
    pub spelling: String,
    /// The file it comes from, for the message.
    pub file: String,
}

/// The words a workspace index keeps of one article: each capitalised word of four letters or
/// more of the names it mentions, once per name, tagged with `file`.
pub fn spellings(doc: &Document, entities: &[Entity], file: &str) -> Vec<OtherSpelling> {
    let mut out: Vec<OtherSpelling> = Vec::new();
    let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
    for e in entities {
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            for w in doc.slice(m.span).split(' ') {
                let capitalised = w.chars().next().is_some_and(char::is_uppercase);
                if !capitalised || w.chars().count() < 4 || !seen.insert((&e.name, w)) {
                    continue;
                }
                out.push(OtherSpelling {
                    name: e.name.clone(),
                    kind: e.kind,
                    lang: doc.lang,
                    spelling: w.to_owned(),
                    file: file.to_owned(),
                });
            }
        }
    }
    out
}

/// The files of `others` that name this entity (same canonical name, accents and case aside),
/// each once, in the order given.
pub fn files_naming<'a>(e: &Entity, others: &'a [OtherSpelling]) -> Vec<&'a str> {
    let name = crate::kb::fold(&e.name);
    let mut files: Vec<&str> = Vec::new();
    for o in others {
        if crate::kb::fold(&o.name) == name && !files.contains(&o.file.as_str()) {
            files.push(&o.file);
        }
    }
    files
}

/// An ordinary word of the language ("Alliance"): a name that is one is too often a
/// misrecognised organisation or place to compare across articles.
fn common(lang: Lang, word: &str) -> bool {
    crate::kb::is_common_word(lang, &word.to_lowercase())
}

/// Two different people: both names have a first name, and these are not one name written two
/// ways ("Steve Clarke" and "Tom Clark").
fn different_people(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() < 2 || wb.len() < 2 {
        return false;
    }
    let (fa, fb) = (crate::kb::fold(wa[0]), crate::kb::fold(wb[0]));
    fa != fb && !likely_variant(wa[0], wb[0])
}

/// The words of this article's people's names spelled differently from how the other articles
/// spell people's names (and not matching any other article's spelling), with a fix to the
/// workspace's form. `others` come from [`spellings`] of the other articles. Only people:
/// organisations and places share words too often ("Ministry", "Minister") for a comparison
/// across articles to be worth its false alarms.
pub fn workspace_spelling(
    doc: &Document,
    entities: &[Entity],
    others: &[OtherSpelling],
    messages: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let spelled: FxHashSet<&str> = others.iter().map(|o| o.spelling.as_str()).collect();
    // A name's words recur in its mentions: each (name, word) is compared with the others once.
    let mut closest: FxHashMap<(&str, &str), Option<&OtherSpelling>> = FxHashMap::default();
    for e in entities.iter().filter(|e| e.kind == EntityType::Person) {
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            let text = doc.slice(m.span);
            let mut offset = 0;
            for w in text.split(' ') {
                let start = m.span.start + offset;
                offset += w.len() + 1;
                if w.chars().count() < 4 || spelled.contains(w) || common(doc.lang, w) {
                    continue;
                }
                let found = closest.entry((&e.name, w)).or_insert_with(|| {
                    others.iter().find(|o| {
                        o.kind == EntityType::Person
                            && o.lang == doc.lang
                            && !common(o.lang, &o.spelling)
                            && likely_variant(&o.spelling, w)
                            && !different_people(&e.name, &o.name)
                    })
                });
                let Some(o) = *found else {
                    continue;
                };
                let span = crate::text::Span::new(start, start + w.len());
                let message = messages.pick(
                    format!("\"{w}\" is spelled \"{}\" in {}", o.spelling, o.file),
                    format!("« {w} » s'écrit « {} » dans {}", o.spelling, o.file),
                );
                let title = messages.pick(format!("Use \"{}\"", o.spelling), format!("Écrire « {} »", o.spelling));
                out.push(
                    Finding::new(CODE, span, Severity::Information, message).with_fix(crate::analysis::Fix::replace(
                        title,
                        span,
                        o.spelling.clone(),
                    )),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::checks::test_support::run;

    #[test]
    fn a_name_spelled_differently_elsewhere_in_the_workspace() {
        let a = run(
            "Senator Maria Kowalczyk spoke in Gdansk. Kowalczyk left.",
            Lang::En,
            None,
        );
        let others = vec![
            OtherSpelling {
                name: "Maria Kowalczyk".into(),
                kind: EntityType::Person,
                lang: Lang::En,
                spelling: "Kowalczik".into(),
                file: "monday.md".into(),
            },
            OtherSpelling {
                name: "Maria Kowalczyk".into(),
                kind: EntityType::Person,
                lang: Lang::En,
                spelling: "Maria".into(),
                file: "monday.md".into(),
            },
        ];
        let found = workspace_spelling(&a.doc, &a.facts.entities, &others, Lang::En);
        let words: Vec<&str> = found.iter().filter_map(|f| f.span).map(|s| a.doc.slice(s)).collect();
        assert_eq!(words, ["Kowalczyk", "Kowalczyk"]);
        assert!(found[0].message.contains("monday.md"));
        assert_eq!(found[0].fixes[0].replacement, "Kowalczik");
        // Another language's spelling is not a slip; neither is an ordinary word.
        let french = vec![OtherSpelling {
            lang: Lang::Fr,
            ..others[0].clone()
        }];
        assert!(workspace_spelling(&a.doc, &a.facts.entities, &french, Lang::En).is_empty());
        assert!(common(Lang::En, "Alliance") && !common(Lang::En, "Kowalczyk"));
        // Nothing to say when the workspace agrees.
        let same = vec![OtherSpelling {
            name: "Maria Kowalczyk".into(),
            kind: EntityType::Person,
            lang: Lang::En,
            spelling: "Kowalczyk".into(),
            file: "monday.md".into(),
        }];
        assert!(workspace_spelling(&a.doc, &a.facts.entities, &same, Lang::En).is_empty());
    }

    #[test]
    fn added_findings_follow_the_configuration_and_suppressions() {
        use crate::analysis::{Input, Severity, analyze};
        use crate::config::Config;
        use crate::markup::Format;
        let text = "Senator Maria Kowalczyk spoke.\n\n<!-- copydesk-disable-next-line entity.workspace-spelling -->\nKowalczyk left.\n";
        let others = vec![OtherSpelling {
            name: "Maria Kowalczyk".into(),
            kind: EntityType::Person,
            lang: Lang::En,
            spelling: "Kowalczik".into(),
            file: "monday.md".into(),
        }];
        let with = |toml: &str| {
            let mut config = Config::lsp_default();
            assert!(config.merge_toml(toml).is_empty());
            let mut input = Input::new(text, Format::Markdown, &config);
            input.lang = Some(Lang::En);
            let mut a = analyze(input);
            let found = workspace_spelling(&a.doc, &a.facts.entities, &others, a.messages);
            assert_eq!(found.len(), 2, "{found:?}");
            a.add_findings(&config, found);
            a.findings
                .into_iter()
                .filter(|f| f.code == CODE)
                .map(|f| f.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(with(""), [Severity::Information], "the second one is suppressed");
        assert_eq!(
            with("[rules.\"entity.workspace-spelling\"]\nseverity = \"warning\"\n"),
            [Severity::Warning]
        );
        assert!(with("ignore = [\"entity.workspace-spelling\"]\n").is_empty());
    }

    #[test]
    fn spellings_feed_the_index_and_different_people_stay_apart() {
        let a = run(
            "La sénatrice Teresa Quintanar a visité Lyon. Selon Mme Quintanar, rien ne change.",
            Lang::Fr,
            None,
        );
        let words: Vec<(String, String)> = spellings(&a.doc, &a.facts.entities, "x.md")
            .into_iter()
            .map(|o| (o.name, o.spelling))
            .collect();
        assert!(
            words.contains(&("Teresa Quintanar".into(), "Quintanar".into())),
            "{words:?}"
        );
        assert!(words.contains(&("Lyon".into(), "Lyon".into())), "{words:?}");
        // A place spelled one letter away elsewhere is not a person's name: left alone.
        let c = run("Maria Kowalczyk went to Lyonn.", Lang::En, None);
        let place = vec![OtherSpelling {
            name: "Lyon".into(),
            kind: EntityType::Place,
            lang: Lang::En,
            spelling: "Lyon".into(),
            file: "x.md".into(),
        }];
        assert!(workspace_spelling(&c.doc, &c.facts.entities, &place, Lang::En).is_empty());
        let b = run("Steve Clarke arrived. Clarke said no.", Lang::En, None);
        let clark = vec![OtherSpelling {
            name: "Tom Clark".into(),
            kind: EntityType::Person,
            lang: Lang::En,
            spelling: "Clark".into(),
            file: "x.md".into(),
        }];
        assert!(workspace_spelling(&b.doc, &b.facts.entities, &clark, Lang::En).is_empty());
        let e = b.facts.entities.iter().find(|e| e.name == "Steve Clarke").unwrap();
        let seen = vec![
            OtherSpelling {
                name: "Steve Clarke".into(),
                kind: EntityType::Person,
                lang: Lang::En,
                spelling: "Clarke".into(),
                file: "b.md".into(),
            },
            OtherSpelling {
                name: "Steve Clarke".into(),
                kind: EntityType::Person,
                lang: Lang::En,
                spelling: "Steve".into(),
                file: "b.md".into(),
            },
        ];
        assert_eq!(files_naming(e, &seen), ["b.md"]);
    }
}
