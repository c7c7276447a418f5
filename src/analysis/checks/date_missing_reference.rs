//! `date.missing-reference`: relative dates but no article date to read them against.

use super::{Context, Rule};
use crate::analysis::{Finding, Fix, Severity};
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "date.missing-reference",
    summary: "(hint, whole file) relative dates present but no article date to resolve them",
    summary_fr: "(indication, tout le fichier) des dates relatives sans date d'article pour les résoudre",
    doc: "### What it does\n\
When the article says `yesterday`, `Sunday`, `la semaine dernière` or `26 June` without a year, \
but copydesk has no article date (no `--date`, no `date:` front matter, no `date` in \
`copydesk.toml`), those dates stay unresolved and their checks are skipped. This hint says so and \
offers to add a `date:` line to the front matter.\n\n\
### Why it matters\n\
Weekday, year and consistency checks need to know when the article was written; nothing is \
guessed without it.\n\n\
### Example\n\
A draft that says `Hier, le conseil a voté` with no front matter gets the hint and the quick fix \
`---\\ndate: YYYY-MM-DD\\n---`.",
    default_severity: Severity::Hint,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    if ctx.reference.is_some() {
        return Vec::new();
    }
    let unresolved: Vec<&str> = ctx
        .facts
        .dates
        .iter()
        .filter(|d| d.value.is_none() && (d.relative || d.inferred))
        .map(|d| ctx.doc.slice(d.span))
        .collect();
    if unresolved.is_empty() {
        return Vec::new();
    }
    let mut examples: Vec<&str> = Vec::new();
    for t in &unresolved {
        if !examples.contains(t) && examples.len() < 3 {
            examples.push(t);
        }
    }
    let n = unresolved.len();
    let list_en = examples
        .iter()
        .map(|e| format!("\"{e}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let list_fr = examples
        .iter()
        .map(|e| format!("« {e} »"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = ctx.say(
        format!(
            "{n} date{} ({list_en}) cannot be resolved: the article has no date (add `date:` to the front matter, or pass --date)",
            if n > 1 { "s" } else { "" }
        ),
        format!(
            "{n} date{} ({list_fr}) ne {} pas être résolue{} : l'article n'a pas de date (ajoutez `date:` en en-tête, ou passez --date)",
            if n > 1 { "s" } else { "" },
            if n > 1 { "peuvent" } else { "peut" },
            if n > 1 { "s" } else { "" }
        ),
    );
    let fm = &ctx.doc.markup.front_matter;
    let toml = ctx.doc.text.trim_start_matches('\u{feff}').starts_with("+++");
    let (at, line, snippet) = match fm.insert_at {
        Some(at) if toml => (
            at,
            "date = YYYY-MM-DD\n".to_owned(),
            "date = ${1:YYYY-MM-DD}\n".to_owned(),
        ),
        Some(at) => (
            at,
            "date: YYYY-MM-DD\n".to_owned(),
            "date: ${1:YYYY-MM-DD}\n".to_owned(),
        ),
        None => (
            0,
            "---\ndate: YYYY-MM-DD\n---\n".to_owned(),
            "---\ndate: ${1:YYYY-MM-DD}\n---\n".to_owned(),
        ),
    };
    let mut fix = Fix::replace(
        ctx.say(
            "Add the article's date to the front matter",
            "Ajouter la date de l'article en en-tête",
        ),
        Span::new(at, at),
        line,
    );
    fix.snippet = Some(snippet);
    vec![Finding::whole_file(RULE.code, Severity::Hint, message).with_fix(fix)]
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::run;
    use crate::analysis::{Input, analyze};
    use crate::config::Config;
    use crate::lang::Lang;
    use crate::markup::Format;

    fn hints(text: &str, lang: Lang, date: Option<&str>) -> Vec<crate::analysis::Finding> {
        run(text, lang, date)
            .findings
            .into_iter()
            .filter(|f| f.code == "date.missing-reference")
            .collect()
    }

    #[test]
    fn relative_dates_without_an_article_date() {
        let f = hints("Hier, le conseil a voté. Dimanche, il avait débattu.", Lang::Fr, None);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span, None);
        assert!(
            f[0].message.starts_with("2 dates (« Hier », « Dimanche »)"),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message.contains("ne peuvent pas être résolues"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].fixes[0].replacement, "---\ndate: YYYY-MM-DD\n---\n");
        assert!(hints("Hier, le conseil a voté.", Lang::Fr, Some("2020-01-01")).is_empty());
        assert!(hints("The council voted on 3 June 2019.", Lang::En, None).is_empty());
        let f = hints("The council voted yesterday.", Lang::En, None);
        assert!(f[0].message.starts_with("1 date (\"yesterday\")"), "{}", f[0].message);
    }

    #[test]
    fn inserts_into_existing_front_matter() {
        let config = Config::cli_default();
        let text = "---\ntitle: Vote\n---\nThe council voted on Sunday.\n";
        let mut input = Input::new(text, Format::Markdown, &config);
        input.lang = Some(Lang::En);
        let a = analyze(input);
        let f = a
            .findings
            .iter()
            .find(|f| f.code == "date.missing-reference")
            .expect("a hint");
        let fix = &f.fixes[0];
        assert_eq!(fix.span.start, text.find("---\nThe").unwrap());
        assert_eq!(fix.replacement, "date: YYYY-MM-DD\n");
    }
}
