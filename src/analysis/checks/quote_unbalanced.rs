//! `quote.unbalanced`: a quotation mark that does not pair.

use super::{Context, Rule};
use crate::analysis::extract::quotes;
use crate::analysis::{Finding, Severity};

pub static RULE: Rule = Rule {
    code: "quote.unbalanced",
    summary: "an opening quotation mark never closed, or a closing one never opened",
    summary_fr: "un guillemet ouvrant jamais fermé, ou un guillemet fermant qui ne ferme rien",
    doc: "### What it does\n\
Pairs quotation marks paragraph by paragraph, nested ones from the inside out, and flags an \
opening mark never closed or a closing mark that closes nothing. It knows the conventions: a \
quotation running over several paragraphs is reopened at each new paragraph without being closed \
(“ in English, « or » in French); a pair opened in one style and closed in another (\" … ”) is \
balanced; guillemets turned the wrong way (» … «) are not. Apostrophes (l’armée, don’t, ’90s, \
rock ’n’ roll, the students’ union) and inch or minute marks (5'10\", 45\") are never flagged, \
and neither are single quotation marks, which cannot be told from apostrophes reliably.\n\n\
### Why it matters\n\
A lost closing mark puts the reporter's words in the source's mouth, or the source's words in the \
paper's: the reader can no longer tell who is speaking.\n\n\
### Example\n\
`“We will rebuild, she said.` → `“We will rebuild,” she said.`",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    quotes::unpaired(ctx.doc)
        .into_iter()
        .map(|u| {
            let mark = ctx.doc.slice(u.span);
            let message = if u.opening {
                ctx.say(
                    format!("This opening {mark} is never closed"),
                    format!("Ce guillemet ouvrant {mark} n'est jamais fermé"),
                )
            } else {
                ctx.say(
                    format!("This closing {mark} closes no quotation"),
                    format!("Ce guillemet fermant {mark} ne ferme aucune citation"),
                )
            };
            Finding::new(RULE.code, u.span, Severity::Warning, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn english() {
        check_rule(
            "quote.unbalanced",
            Lang::En,
            None,
            r#""We will rebuild," she said. "The bridge is the town's only road.
                             ^ quote.unbalanced
The students’ union met in the ’90s hall to hear rock ’n’ roll; he is 5'10" and ran 45" laps.
“Mixed styles are fine," said Ada Quill. “So is ‘nesting’ inside,” she added.
“First paragraph of a long quotation.
“Second paragraph, reopened as English does.
“Last paragraph, closed at last,” she said.
He said that” was odd.
            ^ quote.unbalanced
“”Doubled opening mark,” he said.
^ quote.unbalanced
"#,
        );
    }

    #[test]
    fn french() {
        check_rule(
            "quote.unbalanced",
            Lang::Fr,
            None,
            &r#"« Nous reconstruirons le pont », a-t-elle déclaré. L’armée l’a vu aujourd’hui.
«{nbsp}Premier paragraphe d'une longue citation.
«{nnbsp}Deuxième paragraphe, qui se poursuit.
» Troisième paragraphe, enfin fermé{nbsp}», a-t-il ajouté.
Il a parlé « d'un pont “neuf” et « solide » » hier.
Le mot » bizarre « est à l'envers.
       ^ quote.unbalanced
                 ^ quote.unbalanced
Une citation « jamais fermée, a dit le maire.
             ^ quote.unbalanced
"#
            .replace("{nbsp}", "\u{a0}")
            .replace("{nnbsp}", "\u{202f}"),
        );
    }
}
