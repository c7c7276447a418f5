//! `quote.unattributed`: a quotation nobody is credited with.

use super::{Context, Rule};
use crate::analysis::extract::{Quote, QuoteKind};
use crate::analysis::{Finding, Fix, Severity};
use crate::lang::Lang;
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "quote.unattributed",
    summary: "a direct or partial quotation with no source in its sentence or neighbourhood",
    summary_fr: "une citation directe ou partielle sans source dans sa phrase ni à proximité",
    doc: "### What it does\n\
Flags a quotation when neither its sentence (a speech verb such as `said` or `a-t-il estimé`, \
`according to`, `selon`), nor a lead-in (`X said:`), nor the quotation just before it by the same \
speaker, nor a continuation paragraph says who is speaking. A direct quotation is a warning, a few \
quoted words inside reported speech are information; scare quotes (a term, a title, a nickname) \
are never flagged, and neither are headlines, whose quotations are credited in the story.\n\n\
### Why it matters\n\
A quotation without a source is the first thing a copy editor sends back: the reader cannot weigh \
words when nobody owns them, and an attribution lost in an edit is easy to miss on screen.\n\n\
### Example\n\
`\"We will rebuild the bridge by spring.\"` alone in its paragraph → \
`\"We will rebuild the bridge by spring,\" the mayor said.` The quick fix inserts `, X said.` \
(`, a déclaré X.` in French) after the closing mark, with the cursor on X.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for q in &ctx.facts.quotes {
        // Unclosed quotations are quote.unbalanced's; nested ones belong to the quotation around them.
        if q.attributed || q.kind == QuoteKind::Scare || q.in_title || q.parent.is_some() || q.open.is_none() {
            continue;
        }
        let Some(close) = q.close else { continue };
        let open = q.open.unwrap_or(q.span);
        let span = Span::new(open.start, close.end);
        let (severity, message) = match q.kind {
            QuoteKind::Direct => (
                Severity::Warning,
                ctx.say(
                    "Direct quotation with no source: who said this?",
                    "Citation directe sans source : qui a dit cela ?",
                ),
            ),
            _ => (
                Severity::Information,
                ctx.say(
                    "Quoted words with no source nearby: whose words are they?",
                    "Mots cités sans source à proximité : qui les a prononcés ?",
                ),
            ),
        };
        let title = ctx.say("Add an attribution", "Ajouter une attribution");
        out.push(Finding::new(RULE.code, span, severity, message).with_fix(placeholder(ctx, q, close, title)));
    }
    out
}

/// ", X said." after the closing mark (`.”` becomes `,” X said.`), « , a déclaré X. » in French;
/// the snippet puts the cursor where X goes.
fn placeholder(ctx: &Context<'_>, q: &Quote, close: Span, title: String) -> Fix {
    let doc = ctx.doc;
    let content = doc.slice(q.span);
    let closer = doc.slice(close);
    let next = doc.text[close.end..].chars().find(|c| !c.is_whitespace() || *c == '\n');
    let ends_sentence = !next.is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '…'));
    let stop = if ends_sentence { "." } else { "" };
    let (span, text) = match doc.lang {
        Lang::En if content.ends_with('.') => {
            let dot = q.span.end - 1;
            (Span::new(dot, close.end), format!(",{closer} $X said."))
        }
        Lang::En if content.ends_with([',', '?', '!']) => (Span::new(close.end, close.end), format!(" $X said{stop}")),
        Lang::En => (Span::new(close.end, close.end), format!(", $X said{stop}")),
        Lang::Fr => (Span::new(close.end, close.end), format!(", a déclaré $X{stop}")),
    };
    Fix {
        title,
        span,
        replacement: text.replace("$X", "X"),
        snippet: Some(text.replace("$X", "$1")),
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::{check_rule, run};
    use crate::lang::Lang;

    #[test]
    fn english() {
        check_rule(
            "quote.unattributed",
            Lang::En,
            None,
            r#"The council met on Tuesday in the old library of Marlow.
"We will rebuild the bridge before the spring floods," said Mayor Ada Quill, 52.
"It is the only road to the hospital." She added that the money was found.
The treasurer, Tom Birch, was less sure. "We have no budget for it."
The bridge closed in 2019 after a flood.
"Nobody has seen the plans since March."
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote.unattributed
Residents called the old bridge "the widow-maker" for years.
The plan was published in June.
The opposition wants a "full and independent audit of the accounts" now.
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote.unattributed
"#,
        );
    }

    #[test]
    fn french() {
        check_rule(
            "quote.unattributed",
            Lang::Fr,
            None,
            r#"Le conseil municipal de Ferlac s'est réuni mardi.
« Nous reconstruirons le pont avant l'hiver », a déclaré la maire, Anne Poulard.
« C'est la seule route vers l'hôpital », a-t-elle ajouté.
Selon un adjoint, le chantier coûtera « plus de deux millions ».
Les travaux commenceront en mai.
« Personne n'a vu les plans depuis mars. »
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote.unattributed
Les habitants appelaient l'ancien pont « le Coupe-gorge ».
"#,
        );
    }

    #[test]
    fn direct_is_a_warning_partial_is_information_with_a_snippet_fix() {
        let a = run(
            "The mayor left early.\n\n\"The bridge will be rebuilt by spring.\"\n\nThe plan calls for a \"modern and safe crossing for everyone\" soon.\n",
            Lang::En,
            None,
        );
        let found: Vec<_> = a.findings.iter().filter(|f| f.code == "quote.unattributed").collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].severity, crate::analysis::Severity::Warning);
        assert_eq!(found[1].severity, crate::analysis::Severity::Information);
        let fix = &found[0].fixes[0];
        assert_eq!(fix.span.text(&a.doc.text), ".\"");
        assert_eq!(fix.replacement, ",\" X said.");
        assert_eq!(fix.snippet.as_deref(), Some(",\" $1 said."));
        let fr = run(
            "Le maire est parti.\n\n« Le pont sera reconstruit au printemps. »\n",
            Lang::Fr,
            None,
        );
        let f = fr
            .findings
            .iter()
            .find(|f| f.code == "quote.unattributed")
            .expect("a finding");
        assert_eq!(f.fixes[0].replacement, ", a déclaré X.");
        assert!(f.fixes[0].snippet.as_deref().is_some_and(|s| s.contains("$1")));
    }
}
