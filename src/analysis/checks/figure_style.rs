//! `figure.style` (off by default): house style for numbers.

use super::{Context, Rule};
use crate::analysis::extract::figures::{Figure, Kind};
use crate::analysis::{Finding, Fix, Severity};
use crate::lang::{self, Lang};
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "figure.style",
    summary: "(off by default) house style for numbers: separators, the space before % in French, spelled-out one to nine",
    summary_fr: "(désactivée par défaut) règles maison des nombres : séparateurs, espace avant % en français, un à neuf en toutes lettres",
    doc: "### What it does\n\
Checks how numbers are written, against the usual house style of each language. In French: \
thousands grouped with a narrow no-break space (`12 400`, not `12.400` or `12 400` with an \
ordinary space, and grouped from 10 000 on), and a narrow no-break space before `%` (`45 %`, not \
`45%` nor an ordinary space that can break the line). In English (AP style): the numbers one to \
nine spelled out when they count things (`three cars`, not `3 cars`; ages, percentages, money and \
measures keep their digits), and commas in numbers of 1,000 or more. Each finding carries the fix.\n\n\
Switch it on in `copydesk.toml` with `[rules.\"figure.style\"] severity = \"information\"`.\n\n\
### Why it matters\n\
A line that breaks between `45` and `%` or a thousands point read as a decimal point is a \
misreading waiting to happen; consistent style is what makes a desk's copy look like one paper.\n\n\
### Example\n\
`Le taux atteint 45% et 12.400 foyers` → `45 %`, `12 400`. `Police found 3 cars` → `three cars`.",
    default_severity: Severity::Information,
    default_on: false,
    check,
};

const NNBSP: char = '\u{202f}';

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in &ctx.facts.figures {
        match ctx.doc.lang {
            Lang::Fr => french(ctx, f, &mut out),
            Lang::En => english(ctx, f, &mut out),
        }
    }
    out
}

fn french(ctx: &Context<'_>, f: &Figure, out: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let number = ctx.doc.slice(f.number);
    if !f.spelled {
        let ordinary_space = number.contains(' ');
        let point = number.contains('.')
            && number
                .split('.')
                .skip(1)
                .all(|g| g.len() >= 3 && g[..3].bytes().all(|b| b.is_ascii_digit()));
        let integer_digits = number
            .split(',')
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        let ungrouped = integer_digits >= 5 && number.chars().all(|c| c.is_ascii_digit() || c == ',');
        if ordinary_space || point || ungrouped {
            let fixed = group_french(number);
            let message = ctx.say(
                format!("group thousands with a narrow no-break space: \"{fixed}\""),
                format!("séparez les milliers par une espace fine insécable : « {fixed} »"),
            );
            out.push(
                Finding::new(RULE.code, f.number, Severity::Information, message).with_fix(Fix::replace(
                    ctx.say("Group the digits", "Grouper les chiffres"),
                    f.number,
                    fixed,
                )),
            );
        }
    }
    // The space before %.
    if f.unit.as_deref() == Some("%") {
        let after = &text[f.number.end..f.span.end.max(f.number.end)];
        let Some(pct) = after.find('%') else { return };
        let gap = &after[..pct];
        let gap_span = Span::new(f.number.end, f.number.end + pct);
        let message = match gap {
            "" => ctx.say(
                "put a narrow no-break space before %",
                "mettez une espace fine insécable avant %",
            ),
            " " => ctx.say(
                "use a no-break space before % (an ordinary space can break the line)",
                "mettez une espace insécable avant % (une espace ordinaire peut couper la ligne)",
            ),
            _ => return,
        };
        out.push(
            Finding::new(
                RULE.code,
                Span::new(f.number.start, f.number.end + pct + 1),
                Severity::Information,
                message,
            )
            .with_fix(Fix::replace(
                ctx.say("Use a narrow no-break space", "Mettre une espace fine insécable"),
                gap_span,
                NNBSP.to_string(),
            )),
        );
    }
}

/// "12.400", "12 400", "12400,5" -> "12 400" with narrow no-break spaces.
fn group_french(number: &str) -> String {
    let (int, frac) = match number.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    let digits: Vec<char> = int.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

fn english(ctx: &Context<'_>, f: &Figure, out: &mut Vec<Finding>) {
    let number = ctx.doc.slice(f.number);
    if f.spelled {
        return;
    }
    // AP: spell out one to nine when counting things.
    if f.kind == Kind::Count
        && f.unit.is_none()
        && f.max.is_none()
        && number.len() == 1
        && (1.0..=9.0).contains(&f.value)
    {
        let word = lang::number_words(Lang::En).entries().iter().find_map(|e| {
            let (w, v) = e.split_once(" = ")?;
            (v.trim().parse::<f64>().ok() == Some(f.value)).then(|| w.to_owned())
        });
        if let Some(word) = word {
            let message = ctx.say(
                format!("spell out numbers under ten: \"{word}\""),
                format!("écrivez en lettres les nombres inférieurs à dix : « {word} »"),
            );
            out.push(
                Finding::new(RULE.code, f.number, Severity::Information, message).with_fix(Fix::replace(
                    ctx.say("Spell it out", "Écrire en lettres"),
                    f.number,
                    word,
                )),
            );
        }
        return;
    }
    // Commas in numbers of 1,000 or more.
    let int = number.split('.').next().unwrap_or("");
    if int.len() >= 4 && int.bytes().all(|b| b.is_ascii_digit()) {
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        grouped.push_str(&number[int.len()..]);
        let message = ctx.say(
            format!("use commas in numbers of 1,000 or more: \"{grouped}\""),
            format!("mettez des virgules dans les nombres à partir de 1,000 : « {grouped} »"),
        );
        out.push(
            Finding::new(RULE.code, f.number, Severity::Information, message).with_fix(Fix::replace(
                ctx.say("Add commas", "Ajouter les virgules"),
                f.number,
                grouped,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::run;
    use crate::config::Config;
    use crate::lang::Lang;

    fn style(text: &str, lang: Lang) -> Vec<(String, String)> {
        let mut config = Config::cli_default();
        let errors = config.merge_toml("[rules.\"figure.style\"]\nseverity = \"information\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        let mut input = crate::analysis::Input::new(text, crate::markup::Format::PlainText, &config);
        input.lang = Some(lang);
        let a = crate::analysis::analyze(input);
        a.findings
            .iter()
            .filter(|f| f.code == "figure.style")
            .map(|f| {
                let fix = &f.fixes[0];
                (f.span.expect("a span").text(text).to_owned(), fix.replacement.clone())
            })
            .collect()
    }

    #[test]
    fn off_by_default() {
        let a = run("Le taux atteint 45% et 12.400 foyers.", Lang::Fr, None);
        assert!(a.findings.iter().all(|f| f.code != "figure.style"));
    }

    #[test]
    fn french_separators_and_percent_space() {
        assert_eq!(
            style(
                "Le taux atteint 45% chez 12.400 foyers, 3 000 écoles et 25000 élèves, contre 12\u{202f}% ici.",
                Lang::Fr
            ),
            [
                ("45%".to_owned(), "\u{202f}".to_owned()),
                ("12.400".to_owned(), "12\u{202f}400".to_owned()),
                ("3 000".to_owned(), "3\u{202f}000".to_owned()),
                ("25000".to_owned(), "25\u{202f}000".to_owned()),
            ]
        );
        assert_eq!(
            style("Le taux atteint 45 % ici.", Lang::Fr),
            [("45 %".to_owned(), "\u{202f}".to_owned())]
        );
    }

    #[test]
    fn english_ap_style() {
        assert_eq!(
            style(
                "Police found 3 cars, 12 bikes and 25000 leaflets; Ada Ware, 7, watched and 5% voted.",
                Lang::En
            ),
            [
                ("3".to_owned(), "three".to_owned()),
                ("25000".to_owned(), "25,000".to_owned())
            ]
        );
    }
}
