//! `date.weekday-mismatch`: a weekday that does not match the date beside it.

use chrono::{Datelike, NaiveDate};

use super::{Context, Rule};
use crate::analysis::extract::dates::{capitalize, format_day, weekday_name};
use crate::analysis::extract::{DateMention, Form, Precision};
use crate::analysis::{Finding, Fix, Severity};
use crate::lang::Lang;

pub static RULE: Rule = Rule {
    code: "date.weekday-mismatch",
    summary: "a weekday that does not match the date beside it (year from the text or the article's date)",
    summary_fr: "un jour de la semaine qui ne correspond pas à la date voisine (année du texte ou de l'article)",
    doc: "### What it does\n\
Checks every weekday written with a date (`Monday, June 26`, `lundi 26 juin 2017`, `mardi 4`) \
against the calendar. When the text gives no year, the article's date supplies it (the year \
before when the date falls in the recent past).\n\n\
### Why it matters\n\
A wrong weekday is one of the most frequent corrections newspapers print: the reader cannot \
tell which half of the date is right.\n\n\
### Example\n\
In an article dated 27 June 2017, `Tuesday, June 26` is flagged: 26 June 2017 was a Monday. The \
quick fix replaces the weekday, keeping its case and language.",
    default_severity: Severity::Error,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let dates = &ctx.facts.dates;
    for (i, d) in dates.iter().enumerate() {
        // "dimanche (25 juin)": a bare weekday with the date in brackets right after it.
        let bracketed = i.checked_sub(1).and_then(|k| {
            let w = &dates[k];
            let gap = ctx.doc.prose(crate::text::Span::new(w.span.end, d.span.start)).trim();
            (w.form == Form::Weekday && d.weekday.is_none() && gap == "(")
                .then(|| Some((w.value?.date.weekday(), w.span)))
                .flatten()
        });
        let (Some((written, wspan)), Some(v)) = (d.weekday.or(bracketed), d.value) else {
            continue;
        };
        if v.precision != Precision::Day || v.date.weekday() == written {
            continue;
        }
        // The year came from the article's date: a year the paragraph states may be the one meant.
        if d.inferred && stated_year_fits(ctx, i, d, written) {
            continue;
        }
        let actual = v.date.weekday();
        let lang = ctx.messages;
        let past = ctx.reference.is_none_or(|r| v.date <= r);
        let date_en = format_day(v.date, Lang::En);
        let date_fr = format_day(v.date, Lang::Fr);
        let (right_en, wrong_en) = (
            capitalize(&weekday_name(actual, Lang::En)),
            capitalize(&weekday_name(written, Lang::En)),
        );
        let (right_fr, wrong_fr) = (weekday_name(actual, Lang::Fr), weekday_name(written, Lang::Fr));
        let mut message = ctx.say(
            format!(
                "{date_en} {} a {right_en}, not a {wrong_en}",
                if past { "was" } else { "is" }
            ),
            format!(
                "Le {date_fr} {} un {right_fr}, pas un {wrong_fr}",
                if past { "était" } else { "sera" }
            ),
        );
        if d.inferred
            && let Some(r) = ctx.reference
        {
            message.push_str(&ctx.say(
                format!(" (year from the article's date, {})", format_day(r, Lang::En)),
                format!(" (année tirée de la date de l'article, le {})", format_day(r, Lang::Fr)),
            ));
        }
        let original = ctx.doc.slice(wspan);
        let replacement = same_case(&weekday_name(actual, ctx.doc.lang), original);
        let title = match lang {
            Lang::En => format!("Replace with '{replacement}'"),
            Lang::Fr => format!("Remplacer par « {replacement} »"),
        };
        out.push(
            Finding::new(
                RULE.code,
                crate::text::Span::new(d.span.start.min(wspan.start), d.span.end.max(wspan.end)),
                Severity::Error,
                message,
            )
            .with_fix(Fix::replace(title, wspan, replacement)),
        );
    }
    out
}

/// Does a year stated earlier in the same paragraph give the written weekday?
fn stated_year_fits(ctx: &Context<'_>, i: usize, d: &DateMention, written: chrono::Weekday) -> bool {
    let (Some(month), Some(day)) = (d.stated.month, d.stated.day) else {
        return false;
    };
    // A date within three months of the article's date is the article's year unless its own
    // sentence says otherwise; further away, the paragraph's year may be meant.
    let near = match (ctx.reference, d.value) {
        (Some(r), Some(v)) => (v.date - r).num_days().abs() <= 90,
        _ => false,
    };
    let scope = |offset: usize| {
        if near {
            ctx.doc.sentence_at(offset).map(|s| s as isize)
        } else {
            ctx.doc.block_at(offset).map(|b| -(b as isize) - 1)
        }
    };
    let here = scope(d.span.start);
    let fits = |o: &DateMention| {
        !o.relative
            && o.stated
                .year
                .is_some_and(|y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|x| x.weekday() == written))
    };
    let earlier = &ctx.facts.dates[..i];
    if here.is_some() {
        // Mentions are in text order and a sentence or a paragraph is one stretch of it: the
        // mentions in the same one are those just before.
        earlier
            .iter()
            .rev()
            .take_while(|o| scope(o.span.start) == here)
            .any(fits)
    } else {
        earlier.iter().filter(|o| scope(o.span.start) == here).any(fits)
    }
}

/// `word` written like `model`: "LUNDI", "Lundi", "lundi".
fn same_case(word: &str, model: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        word.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        capitalize(word)
    } else {
        word.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::{check_rule, run};
    use crate::lang::Lang;

    #[test]
    fn english_weekday_beside_a_full_date() {
        check_rule(
            "date.weekday-mismatch",
            Lang::En,
            Some("2017-06-27"),
            r#"The council met on Tuesday, June 26, 2017, and again on Monday, July 3.
                   ^^^^^^^^^^^^^^^^^^^^^^ date.weekday-mismatch
The vote came on Monday, June 26.
The agency said on Friday, Nov 20 that it would act, and on Sunday 26 June 2017 it did.
                   ^^^^^^^^^^^^^^ date.weekday-mismatch
                                                            ^^^^^^^^^^^^^^^^^^^ date.weekday-mismatch
"#,
        );
    }

    #[test]
    fn french_weekday_beside_a_date_with_or_without_year() {
        check_rule(
            "date.weekday-mismatch",
            Lang::Fr,
            Some("2017-06-27"),
            r#"Le conseil s'est réuni mardi 26 juin 2017, puis le lundi 3 juillet.
                       ^^^^^^^^^^^^^^^^^^ date.weekday-mismatch
Les élus ont voté lundi 26 juin. Le maire a parlé jeudi 22.
Le préfet est venu samedi (23 juin), puis dimanche (25 juin).
                   ^^^^^^^^^^^^^^^ date.weekday-mismatch
"#,
        );
    }

    #[test]
    fn year_inferred_from_the_article_and_the_recent_past() {
        // 30 December 2017 was a Saturday; the article is dated 2 January 2018.
        check_rule(
            "date.weekday-mismatch",
            Lang::En,
            Some("2018-01-02"),
            r#"The fire started on Saturday, Dec. 30, and was out by Thursday, Dec. 29.
                                                      ^^^^^^^^^^^^^^^^^ date.weekday-mismatch
"#,
        );
    }

    #[test]
    fn a_year_stated_in_the_paragraph_wins_over_the_article_year() {
        check_rule(
            "date.weekday-mismatch",
            Lang::En,
            Some("2023-11-10"),
            "In 2014 the mayor resigned. The council met on Thursday, June 26, and chose a successor.\n",
        );
        // Close to the article's date, only the date's own sentence can change its year.
        check_rule(
            "date.weekday-mismatch",
            Lang::Fr,
            Some("2023-10-27"),
            r#"Pendant la guerre de 2014, il était là. L'otage a été libérée vendredi 24 octobre.
                                                              ^^^^^^^^^^^^^^^^^^^ date.weekday-mismatch
En 2014, l'otage avait été libérée vendredi 24 octobre.
"#,
        );
    }

    #[test]
    fn no_year_and_no_article_date_is_silence() {
        check_rule(
            "date.weekday-mismatch",
            Lang::Fr,
            None,
            "Le conseil s'est réuni mardi 26 juin pour voter le budget.\n",
        );
    }

    #[test]
    fn fix_keeps_case_and_language() {
        let a = run("Mardi 26 juin 2017, le conseil a voté.", Lang::Fr, None);
        let f = a
            .findings
            .iter()
            .find(|f| f.code == "date.weekday-mismatch")
            .expect("a finding");
        assert_eq!(f.fixes[0].replacement, "Lundi");
        assert_eq!(f.message, "Le 26 juin 2017 était un lundi, pas un mardi");
        let a = run("On TUESDAY, June 26, 2017, the council voted.", Lang::En, None);
        let f = a
            .findings
            .iter()
            .find(|f| f.code == "date.weekday-mismatch")
            .expect("a finding");
        assert_eq!(f.fixes[0].replacement, "MONDAY");
        assert_eq!(f.message, "26 June 2017 was a Monday, not a Tuesday");
    }
}
