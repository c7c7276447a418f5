//! `text.doubled-word`: a word typed twice in a row.

use super::{Context, Rule};
use crate::analysis::{Finding, Fix, Severity};
use crate::lang;
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "text.doubled-word",
    summary: "a word typed twice in a row (\"the the\", \"et et\"), not a grammatical double",
    summary_fr: "un mot tapé deux fois de suite (« et et »), hors doublons grammaticaux",
    doc: "### What it does\n\
Flags a word immediately repeated (`the the`, `et et`), ignoring case, when only spaces separate \
the two.\n\n\
### Why it matters\n\
A doubled word is the most common slip of a fast edit, and the eye skips it on the screen.\n\n\
### Example\n\
`The the minister left.` → `The minister left.` Grammatical doubles are left alone: `nous nous \
sommes`, `vous vous`, `had had`, and `that that` where it is grammatical (`said that that was \
wrong`, but not `the lander that that the company built`); so are names (`Bora Bora`) and numbers.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let doubles = lang::grammatical_doubles(doc.lang);
    let mut out = Vec::new();
    for (i, pair) in doc.words.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        if a.sentence != b.sentence {
            continue;
        }
        let (wa, wb) = (doc.slice(a.span), doc.slice(b.span));
        if wa.to_lowercase() != wb.to_lowercase() || wa.chars().any(|c| c.is_numeric()) {
            continue;
        }
        // Only white space between them: "Paris, Paris" or "l' l'" across a mark are not slips.
        let between = &doc.markup.prose[a.span.end..b.span.start];
        if between.is_empty() || !between.chars().all(|c| c == ' ' || c == '\u{a0}') {
            continue;
        }
        let lower = wa.to_lowercase();
        if doubles.contains(&lower) && !slip_all_the_same(ctx, i, &lower) {
            continue;
        }
        // A capitalised pair inside a sentence is a name (Bora Bora, Baden Baden).
        let sentence_start = doc.sentences[a.sentence].span.start == a.span.start;
        if wb.chars().next().is_some_and(char::is_uppercase) && !sentence_start {
            continue;
        }
        let span = Span::new(a.span.start, b.span.end);
        let message = ctx.say(
            format!("\"{wa}\" is typed twice"),
            format!("« {wa} » est tapé deux fois"),
        );
        let title = ctx.say(
            format!("Remove the second \"{wb}\""),
            format!("Supprimer le second « {wb} »"),
        );
        out.push(
            Finding::new(RULE.code, span, Severity::Warning, message).with_fix(Fix::replace(
                title,
                Span::new(a.span.end, b.span.end),
                "",
            )),
        );
    }
    out
}

/// "that that" is grammatical as a complementizer and a demonstrative ("said that that was
/// wrong"), never before a clause opener ("that that the company") or after a preposition
/// ("on that that valuation").
fn slip_all_the_same(ctx: &Context<'_>, first: usize, lower: &str) -> bool {
    let doc = ctx.doc;
    if !lang::complementizer_doubles(doc.lang).contains(lower) {
        return false;
    }
    let word = |i: usize| doc.words.get(i).map(|w| doc.slice(w.span).to_lowercase());
    let same_sentence = |i: usize| {
        doc.words
            .get(i)
            .is_some_and(|w| w.sentence == doc.words[first].sentence)
    };
    let next_opens =
        same_sentence(first + 2) && word(first + 2).is_some_and(|w| lang::clause_openers(doc.lang).contains(&w));
    let after_preposition = first > 0
        && same_sentence(first - 1)
        && word(first - 1).is_some_and(|w| lang::prepositions(doc.lang).contains(&w));
    next_opens || after_preposition
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn english() {
        check_rule(
            "text.doubled-word",
            Lang::En,
            None,
            r#"The the minister said that that was what he had had in mind.
^^^^^^^ text.doubled-word
It was in the the end a quiet day.
          ^^^^^^^ text.doubled-word
The lander that that the company built flew. He said that that was wrong.
           ^^^^^^^^^ text.doubled-word
They settled on that that valuation, and that that is final.
                ^^^^^^^^^ text.doubled-word
They flew to Bora Bora and then to Paris, Paris again, 10 10.
"#,
        );
    }

    #[test]
    fn french() {
        check_rule(
            "text.doubled-word",
            Lang::Fr,
            None,
            r#"Nous nous sommes vus et et nous avons parlé, vous vous en doutez.
                     ^^^^^ text.doubled-word
« Le le » dit-il, l’armée l’a vu.
  ^^^^^ text.doubled-word
"#,
        );
    }
}
