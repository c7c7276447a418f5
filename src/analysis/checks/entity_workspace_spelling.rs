//! `entity.workspace-spelling`: a name spelled differently from the other articles of the
//! workspace. Registered here for its documentation, `copydesk rules` and the configuration
//! (`ignore`, severity); the finding itself needs the other articles, which only the language
//! server holds: it calls [`workspace_spelling`](crate::analysis::extract::entities::workspace::workspace_spelling)
//! with its index and adds the result with [`Analysis::add_findings`](crate::analysis::Analysis::add_findings).
//! Within one article (`check`, `analyze`) the check finds nothing, by design.

use super::{Context, Rule};
use crate::analysis::extract::entities::workspace::CODE;
use crate::analysis::{Finding, Severity};

pub static RULE: Rule = Rule {
    code: CODE,
    summary: "(LSP workspace only) a name spelled differently from the other articles of the workspace",
    summary_fr: "(espace de travail LSP uniquement) un nom écrit autrement que dans les autres articles de l'espace de travail",
    doc: "### What it does\n\
In the editor, copydesk indexes the articles of the workspace in the background and remembers \
how each spells the people it names. A word of a person's name in the open article that is one \
letter or a close transliteration away from how another article in the same language spells \
it (and that no other article spells this way) is flagged, with the other file named and a fix \
to its spelling. Left alone: two people whose first names differ, ordinary words (`Alliance`), \
and the other language's transliterations (`Zelensky` in French, `Zelenskyy` in English). `copydesk check` and `analyze` judge each file \
on its own and never report it.\n\n\
### Why it matters\n\
A desk covering a story for weeks writes the same names again and again; a spelling that drifts \
from one article to the next is a correction waiting to happen.\n\n\
### Example\n\
`monday.md` writes `Senator Maria Kowalczik`; today's draft writes `Maria Kowalczyk` → \
`\"Kowalczyk\" is spelled \"Kowalczik\" in monday.md`.",
    default_severity: Severity::Information,
    default_on: true,
    check,
};

/// Nothing within one article: the language server adds these findings from its index.
fn check(_: &Context<'_>) -> Vec<Finding> {
    Vec::new()
}
