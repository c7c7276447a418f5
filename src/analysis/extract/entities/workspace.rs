//! Names across the workspace: the pure half of `entity.workspace-spelling` (the LSP indexes the
//! other articles and calls [`workspace_spelling`]; `check` and `analyze` judge each file alone).

use super::similar::likely_variant;
use super::{Entity, MentionForm};
use crate::analysis::{Document, Finding, Severity};
use crate::lang::Lang;

/// The rule code of the workspace check (served by the LSP only).
pub const CODE: &str = "entity.workspace-spelling";

/// How another article of the workspace spells a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSpelling {
    /// The entity's canonical name in that article.
    pub name: String,
    /// One word of a name as written there ("Zelenskyy").
    pub spelling: String,
    /// The file it comes from, for the message.
    pub file: String,
}

/// The words of this article's names spelled differently from how the other articles spell
/// them (and not matching any other article's spelling), with a fix to the workspace's form.
pub fn workspace_spelling(
    doc: &Document,
    entities: &[Entity],
    others: &[OtherSpelling],
    messages: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in entities {
        for m in e.mentions.iter().filter(|m| m.form != MentionForm::Acronym) {
            let text = doc.slice(m.span);
            let mut offset = 0;
            for w in text.split(' ') {
                let start = m.span.start + offset;
                offset += w.len() + 1;
                if w.chars().count() < 4 || others.iter().any(|o| o.spelling == w) {
                    continue;
                }
                let Some(o) = others.iter().find(|o| likely_variant(&o.spelling, w)) else {
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
                spelling: "Kowalczik".into(),
                file: "monday.md".into(),
            },
            OtherSpelling {
                name: "Maria Kowalczyk".into(),
                spelling: "Maria".into(),
                file: "monday.md".into(),
            },
        ];
        let found = workspace_spelling(&a.doc, &a.facts.entities, &others, Lang::En);
        let words: Vec<&str> = found.iter().filter_map(|f| f.span).map(|s| a.doc.slice(s)).collect();
        assert_eq!(words, ["Kowalczyk", "Kowalczyk"]);
        assert!(found[0].message.contains("monday.md"));
        assert_eq!(found[0].fixes[0].replacement, "Kowalczik");
        // Nothing to say when the workspace agrees.
        let same = vec![OtherSpelling {
            name: "Maria Kowalczyk".into(),
            spelling: "Kowalczyk".into(),
            file: "monday.md".into(),
        }];
        assert!(workspace_spelling(&a.doc, &a.facts.entities, &same, Lang::En).is_empty());
    }
}
