//! `date.invalid`: a date that does not exist.

use super::{Context, Rule};
use crate::analysis::extract::dates::{capitalize, days_in_month, month_name};
use crate::analysis::{Finding, Severity};
use crate::lang::Lang;

pub static RULE: Rule = Rule {
    code: "date.invalid",
    summary: "a date that does not exist (31 June, 29 February 2023)",
    summary_fr: "une date qui n'existe pas (31 juin, 29 février 2023)",
    doc: "### What it does\n\
Flags a day number that its month does not have: `31 June`, `32 mars`, `30 février`, and \
`29 February` in a year that is not a leap year (only when the year is written).\n\n\
### Why it matters\n\
An impossible date is a typo in a fact: one of the two numbers is wrong, and the reader cannot \
tell which.\n\n\
### Example\n\
`The contract was signed on 31 June 2019.` → June has 30 days. `Le 29 février 2023` → 2023 \
n'est pas bissextile.",
    default_severity: Severity::Error,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &ctx.facts.dates {
        let (Some(month), Some(day)) = (d.stated.month, d.stated.day) else {
            continue;
        };
        if d.value.is_some() {
            continue;
        }
        // Without a written year, February may have 29 days.
        let year = d.stated.year;
        let max = days_in_month(year.unwrap_or(2000), month);
        if day <= max {
            continue;
        }
        let (en, fr) = (month_name(month, Lang::En), month_name(month, Lang::Fr));
        let en = capitalize(&en);
        let message = match year {
            Some(y) if month == 2 && day == 29 => ctx.say(
                format!("29 February {y} does not exist: {y} is not a leap year"),
                format!("Le 29 février {y} n'existe pas : {y} n'est pas une année bissextile"),
            ),
            _ => ctx.say(
                format!("There is no {day} {en}: {en} has {max} days"),
                format!("Il n'y a pas de {day} {fr} : {fr} compte {max} jours"),
            ),
        };
        out.push(Finding::new(RULE.code, d.span, Severity::Error, message));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn english() {
        check_rule(
            "date.invalid",
            Lang::En,
            Some("2023-07-01"),
            r#"The lease was signed on June 31 and renewed on 29 February 2023.
                        ^^^^^^^ date.invalid
                                               ^^^^^^^^^^^^^^^^ date.invalid
The audit of Feb. 29, 2024 and the March 30 meeting were fine. In May 35 people left.
Since the Oct. 32 attack and the Sept. 31 vote, he said May 35 staff left on Feb. 30, 2024.
          ^^^^^^^ date.invalid
                                 ^^^^^^^^ date.invalid
                                                                             ^^^^^^^^^^^^^ date.invalid
"#,
        );
    }

    #[test]
    fn french() {
        check_rule(
            "date.invalid",
            Lang::Fr,
            Some("2023-07-01"),
            r#"La réunion du 32 mars a été repoussée au 30 février, puis au 31 avril 2023.
              ^^^^^^^ date.invalid
                                         ^^^^^^^^^^ date.invalid
                                                             ^^^^^^^^^^^^^ date.invalid
Le 29 février, le 31 mai et le 1er mars sont passés.
"#,
        );
    }
}
