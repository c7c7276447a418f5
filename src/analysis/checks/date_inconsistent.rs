//! `date.inconsistent`: a relative date contradicting the absolute one beside it, or a stated
//! duration that the article's own dates contradict.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Rule};
use crate::analysis::extract::dates::format_day;
use crate::analysis::extract::{DateMention, Form, Precision};
use crate::analysis::{Finding, Severity};
use crate::lang::{self, Lang};

pub static RULE: Rule = Rule {
    code: "date.inconsistent",
    summary: "the same event given two different dates, or a relative date contradicting an absolute one",
    summary_fr: "un même événement daté de deux façons, ou une date relative qui contredit une date absolue",
    doc: "### What it does\n\
Flags two readings of one date that disagree: a relative day written beside an absolute one \
(`yesterday, June 24` in an article dated 27 June: yesterday was 26 June; `le lendemain, 25 \
juin` when the date before was 20 June), and a duration counted from a date that the calendar \
contradicts (`more than eight months since 3 March` in an article dated 2 July), one event given \
two days (`the attack of Oct. 7`, `the Oct. 8 attack`), and a live blog entry whose time breaks \
the blog's order (a second `7h07` below `7h05`).\n\n\
### Why it matters\n\
When two statements of a date disagree, one is wrong; the reader cannot tell which.\n\n\
### Example\n\
`Hier, 24 juin, le conseil a voté.` in an article dated 27 June 2017: « hier » is 26 June. Only \
clear contradictions are reported: lists (`Monday, Tuesday`) and approximate durations within \
their margin are left alone.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = side_by_side(ctx);
    out.extend(durations(ctx));
    out.extend(same_event(ctx));
    out.extend(timeline(ctx));
    out
}

static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<t>(?P<h>\d{1,2})(?:h|:)(?P<m>\d{2})(?:\s*(?P<ap>[ap])\.?m\.?)?)(?:\s+(?-i:[A-Z]{2,4}))?(?:\s*(?:[-–—|:]|$))").expect("valid")
});

/// A live blog's entries open with a time ("7h05 -", "9:30 a.m. —") in one order, usually the
/// newest first. One entry out of that order (a second "7h07" below "7h05") is flagged; a blog
/// with several disorders, or a jump over midnight, is left alone.
fn timeline(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let mut stamps: Vec<(crate::text::Span, u32)> = Vec::new();
    for b in doc.blocks() {
        let text = doc.prose(b.span);
        let Some(c) = TIMESTAMP.captures(text) else { continue };
        let (Ok(h), Ok(m)) = (c["h"].parse::<u32>(), c["m"].parse::<u32>()) else {
            continue;
        };
        if h > 23 || m > 59 {
            continue;
        }
        let h = match c.name("ap").map(|a| a.as_str().to_ascii_lowercase()) {
            Some(a) if a == "p" && h < 12 => h + 12,
            Some(a) if a == "a" && h == 12 => 0,
            _ => h,
        };
        let len = c.name("t").map_or(0, |x| x.end());
        stamps.push((crate::text::Span::new(b.span.start, b.span.start + len), h * 60 + m));
    }
    if stamps.len() < 5 {
        return Vec::new();
    }
    let down = stamps.windows(2).filter(|w| w[1].1 < w[0].1).count();
    let up = stamps.windows(2).filter(|w| w[1].1 > w[0].1).count();
    let newest_first = down > up;
    let breaks: Vec<usize> = (1..stamps.len())
        .filter(|&i| {
            let (a, b) = (stamps[i - 1].1, stamps[i].1);
            if newest_first { b > a } else { b < a }
        })
        .collect();
    // Exactly one disorder in an otherwise ordered blog, and not a jump over midnight.
    if breaks.len() != 1 || down.max(up) < 4 {
        return Vec::new();
    }
    let i = breaks[0];
    if stamps[i].1.abs_diff(stamps[i - 1].1) > 12 * 60 {
        return Vec::new();
    }
    // Which of the two is misplaced: the one whose removal leaves its neighbours in order (the
    // later one when either would do).
    let in_order = |a: u32, b: u32| if newest_first { b <= a } else { b >= a };
    let without_later = stamps.get(i + 1).is_none_or(|n| in_order(stamps[i - 1].1, n.1));
    let without_earlier = i < 2 || in_order(stamps[i - 2].1, stamps[i].1);
    let later_misplaced = without_later || !without_earlier;
    let (bad, other) = if later_misplaced { (i, i - 1) } else { (i - 1, i) };
    let t = |k: usize| doc.slice(stamps[k].0).to_owned();
    let message = ctx.say(
        format!(
            "Entry \"{}\" is out of sequence: the live blog runs {} and it sits next to \"{}\"",
            t(bad),
            if newest_first { "newest first" } else { "oldest first" },
            t(other)
        ),
        format!(
            "L'entrée « {} » n'est pas à sa place : le direct va {} et elle jouxte « {} »",
            t(bad),
            if newest_first {
                "du plus récent au plus ancien"
            } else {
                "du plus ancien au plus récent"
            },
            t(other)
        ),
    );
    vec![Finding::new(RULE.code, stamps[bad].0, Severity::Warning, message).with_related(stamps[other].0, t(other))]
}

// One per language, each built on first use.
static EVENT_BEFORE_EN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bthe\s+(?P<noun>[\p{L}-]+)\s+(?:of|on)\s+$").expect("valid"));
static EVENT_BEFORE_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bl['’]|\ble\s+|\bla\s+|\bles\s+)(?P<noun>[\p{L}-]+)\s+(?:du|des)\s+$").expect("valid")
});
static EVENT_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+(?P<noun>[\p{L}-]+)").expect("valid"));
static THE_BEFORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bthe\s+$").expect("valid"));

/// The one-off event a day date names: "the attack of Oct. 7", "the Oct. 7 attack", "l'attentat
/// du 13 novembre".
fn event_of(ctx: &Context<'_>, d: &DateMention) -> Option<String> {
    let doc = ctx.doc;
    let block = doc.blocks()[doc.block_at(d.span.start)?].span;
    let before = &doc.markup.prose[block.start..d.span.start];
    let after = &doc.markup.prose[d.span.end..block.end];
    let lang = doc.lang;
    let event_before: &Regex = match lang {
        Lang::En => &EVENT_BEFORE_EN,
        Lang::Fr => &EVENT_BEFORE_FR,
    };
    let ends_pattern = may_end_pattern(before);
    let noun = ends_pattern
        .then(|| event_before.captures(before))
        .flatten()
        .map(|c| c["noun"].to_owned())
        .or_else(|| {
            let own = doc.slice(d.span).to_lowercase();
            (lang == Lang::En && ((ends_pattern && THE_BEFORE.is_match(before)) || own.starts_with("the ")))
                .then(|| EVENT_AFTER.captures(after).map(|c| c["noun"].to_owned()))
                .flatten()
        })?;
    let lower = noun.to_lowercase();
    let key = lower.strip_suffix('s').unwrap_or(&lower).to_owned();
    lang::date_events(lang).contains(&key).then_some(key)
}

/// "the attack of Oct. 7" here, "the Oct. 8 attack" there.
fn same_event(ctx: &Context<'_>) -> Vec<Finding> {
    let mut seen: Vec<(String, &DateMention)> = Vec::new();
    let mut out = Vec::new();
    for d in &ctx.facts.dates {
        let Some(v) = d.value.filter(|v| v.precision == Precision::Day) else {
            continue;
        };
        let Some(key) = event_of(ctx, d) else { continue };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key)
            && let Some(fv) = first.value
            && fv.date != v.date
        {
            let message = ctx.say(
                format!(
                    "The same {key} is dated {} here but {} earlier",
                    format_day(v.date, Lang::En),
                    format_day(fv.date, Lang::En)
                ),
                format!(
                    "Le même événement ({key}) est daté du {} ici, mais du {} plus haut",
                    format_day(v.date, Lang::Fr),
                    format_day(fv.date, Lang::Fr)
                ),
            );
            let related = ctx.say(
                format!("first dated {} here", format_day(fv.date, Lang::En)),
                format!("daté du {} ici", format_day(fv.date, Lang::Fr)),
            );
            out.push(Finding::new(RULE.code, d.span, Severity::Warning, message).with_related(first.span, related));
            continue;
        }
        seen.push((key, d));
    }
    out
}

/// "yesterday, June 24", "hier (24 juin)", "le lendemain, 25 juin".
fn side_by_side(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    let dates = &ctx.facts.dates;
    for (i, pair) in dates.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        // "yesterday, Thursday and Friday" is a list, not an apposition.
        let listed = dates.get(i + 2).is_some_and(|c| c.span.start < b.span.end + 8)
            || i.checked_sub(1).is_some_and(|k| dates[k].span.end + 8 > a.span.start);
        if listed && (a.form == Form::Weekday || b.form == Form::Weekday) {
            continue;
        }
        let (rel, abs) = match (a.form, b.form) {
            (Form::RelativeDay, Form::Calendar | Form::Named | Form::Weekday) => (a, b),
            (Form::Calendar | Form::Named | Form::Weekday, Form::RelativeDay) => (b, a),
            _ => continue,
        };
        let (Some(rv), Some(av)) = (rel.value, abs.value) else {
            continue;
        };
        if rv.precision != Precision::Day || av.precision != Precision::Day || rv.date == av.date {
            continue;
        }
        if doc.block_at(a.span.start) != doc.block_at(b.span.start) {
            continue;
        }
        let gap = doc.prose(crate::text::Span::new(a.span.end, b.span.start));
        let gap = gap.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '–' | '—'));
        if !(gap.is_empty() || matches!(gap.to_lowercase().as_str(), "le" | "on" | "soit")) {
            continue;
        }
        let rel_text = doc.slice(rel.span);
        let message = ctx.say(
            format!(
                "\"{rel_text}\" is {}, but the date beside it says {}",
                format_day(rv.date, Lang::En),
                format_day(av.date, Lang::En)
            ),
            format!(
                "« {rel_text} » désigne le {}, mais la date voisine indique le {}",
                format_day(rv.date, Lang::Fr),
                format_day(av.date, Lang::Fr)
            ),
        );
        let later = if a.span.start < b.span.start { b } else { a };
        let other = if later.span == rel.span { abs } else { rel };
        let od = other.value.map_or(av.date, |v| v.date);
        let related = ctx.say(
            format!("\"{}\": {}", doc.slice(other.span), format_day(od, Lang::En)),
            format!("« {} » : le {}", doc.slice(other.span), format_day(od, Lang::Fr)),
        );
        out.push(Finding::new(RULE.code, later.span, Severity::Warning, message).with_related(other.span, related));
    }
    out
}

fn duration_pattern(lang: Lang, approx: &str, units: &str, since: &str) -> Regex {
    let words: Vec<String> = lang::date_numbers(lang)
        .entries()
        .iter()
        .filter_map(|e| e.split_once(" = ").map(|(k, _)| regex::escape(k.trim())))
        .collect();
    Regex::new(&format!(
        r"(?i)\b(?:(?P<approx>{approx})\s+)?(?P<n>\d{{1,3}}|{})\s+(?P<unit>{units})\s+(?:{since})\s+(?:(?:le|the|on)\s+)?$",
        words.join("|")
    ))
    .expect("a valid duration pattern")
}

// One pattern per language, each built on first use: an English article never pays for French.
static DURATION_EN: LazyLock<Regex> = LazyLock::new(|| {
    duration_pattern(
        Lang::En,
        r"more\s+than|over|at\s+least|just\s+over|nearly|almost|about|around|some|roughly|less\s+than|just\s+under",
        r"days|weeks|months|years",
        "since",
    )
});
static DURATION_FR: LazyLock<Regex> = LazyLock::new(|| {
    duration_pattern(
        Lang::Fr,
        r"plus\s+de|au\s+moins|près\s+de|presque|environ|quelque|moins\s+de",
        r"jours|semaines|mois|ans|années",
        "depuis",
    )
});

/// The last words the patterns read before a date end on (durations, events): matched against
/// the end of the text before a date. Most dates fail this test, and each pattern, anchored only
/// at its end, would scan the whole paragraph.
static LAST_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:since|depuis|le|the|on|of|du|des)$").expect("valid"));

/// Can `before` be the end of a pattern above: white space after one of their last words?
fn may_end_pattern(before: &str) -> bool {
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    // The longest word ("depuis") is six letters; eight characters leave room.
    let tail = trimmed.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    LAST_WORD.is_match(&trimmed[tail..])
}

/// "eight months since March 3" in an article dated 2 July: only four months have passed.
fn durations(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(reference) = ctx.reference else {
        return Vec::new();
    };
    let doc = ctx.doc;
    let re: &Regex = match doc.lang {
        Lang::En => &DURATION_EN,
        Lang::Fr => &DURATION_FR,
    };
    let mut out = Vec::new();
    for d in &ctx.facts.dates {
        if d.relative {
            continue;
        }
        let Some(v) = d.value else { continue };
        let slack = match v.precision {
            Precision::Day => 0.0,
            Precision::Week => 7.0,
            Precision::Month => 31.0,
            _ => continue,
        };
        let Some(block) = doc.block_at(d.span.start) else {
            continue;
        };
        let start = doc.blocks()[block].span.start;
        let before = &doc.markup.prose[start..d.span.start];
        if !may_end_pattern(before) {
            continue;
        }
        let Some(caps) = re.captures(before) else { continue };
        let Some(n) = number(doc.lang, &caps["n"]) else {
            continue;
        };
        let unit_days = match caps["unit"].to_lowercase().as_str() {
            "days" | "jours" => 1.0,
            "weeks" | "semaines" => 7.0,
            "months" | "mois" => 30.44,
            _ => 365.25,
        };
        let stated = n * unit_days;
        let elapsed = (reference - v.date).num_days() as f64;
        let approx = caps
            .name("approx")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        let approx = approx.split_whitespace().collect::<Vec<_>>().join(" ");
        let at_least = matches!(
            approx.as_str(),
            "more than" | "over" | "at least" | "just over" | "plus de" | "au moins"
        );
        let at_most = matches!(approx.as_str(), "less than" | "just under" | "moins de");
        let contradicts = if at_least {
            elapsed + slack < stated * 0.9
        } else if at_most {
            elapsed - slack > stated * 1.1
        } else if approx.is_empty() {
            elapsed + slack < stated * 0.75 - unit_days || elapsed - slack > stated * 1.25 + unit_days
        } else {
            elapsed + slack < stated * 0.6 || elapsed - slack > stated * 1.4 + unit_days
        };
        if !contradicts {
            continue;
        }
        let dur = caps.get(0).map_or("", |m| m.as_str()).trim_end();
        let span = crate::text::Span::new(start + caps.get(0).map_or(0, |m| m.start()), d.span.end);
        let days = elapsed as i64;
        let message = ctx.say(
            format!(
                "\"{dur}\": only {} between {} and the article's date, {}",
                days_en(days),
                describe_en(d),
                format_day(reference, Lang::En)
            ),
            format!(
                "« {dur} » : {} séparent {} de la date de l'article, le {}",
                days_fr(days),
                describe_fr(d),
                format_day(reference, Lang::Fr)
            ),
        );
        out.push(Finding::new(RULE.code, span, Severity::Warning, message));
    }
    out
}

fn number(lang: Lang, s: &str) -> Option<f64> {
    s.parse()
        .ok()
        .or_else(|| lang::date_numbers(lang).value(&s.to_lowercase())?.parse().ok())
}

fn days_en(days: i64) -> String {
    if days.abs() >= 60 {
        format!("about {} months", (days as f64 / 30.44).round() as i64)
    } else {
        format!("{days} days")
    }
}

fn days_fr(days: i64) -> String {
    if days.abs() >= 60 {
        format!("environ {} mois", (days as f64 / 30.44).round() as i64)
    } else {
        format!("{days} jours")
    }
}

fn describe_en(d: &DateMention) -> String {
    d.value
        .map(|v| crate::analysis::extract::dates::describe(&v, Lang::En))
        .unwrap_or_default()
}

fn describe_fr(d: &DateMention) -> String {
    d.value
        .map(|v| {
            let s = crate::analysis::extract::dates::describe(&v, Lang::Fr);
            if v.precision == Precision::Day {
                format!("le {s}")
            } else {
                s
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn relative_day_beside_an_absolute_one() {
        check_rule(
            "date.inconsistent",
            Lang::En,
            Some("2017-06-27"),
            r#"The vote took place yesterday, June 24, after a long debate.
                               ^^^^^^^ date.inconsistent
The mayor spoke yesterday, June 26, and again on Monday, Tuesday and Friday.
They met yesterday, Thursday and Friday. A few days ago, June 20, they met again.
"#,
        );
        check_rule(
            "date.inconsistent",
            Lang::Fr,
            Some("2017-06-27"),
            r#"Le maire a parlé hier (24 juin) devant le conseil.
                       ^^^^^^^ date.inconsistent
Les élus ont voté le 20 juin. Le lendemain, 22 juin, le préfet a signé.
                                            ^^^^^^^ date.inconsistent
Hier, 26 juin, la séance a repris.
"#,
        );
    }

    #[test]
    fn one_event_two_dates() {
        check_rule(
            "date.inconsistent",
            Lang::En,
            Some("2023-10-27"),
            r#"The attack of Oct. 7 killed hundreds. Since the Oct. 8 attack, the border is shut.
                                                ^^^^^^ date.inconsistent
The meeting of Oct. 3 and the meeting of Oct. 10 went well. The Oct. 7 attacks shocked many.
"#,
        );
        check_rule(
            "date.inconsistent",
            Lang::Fr,
            Some("2015-11-20"),
            r#"Les attentats du 13 novembre ont frappé Paris. L'attentat du 14 novembre a fait 130 morts.
                                                             ^^^^^^^^^^^ date.inconsistent
La réunion du 3 novembre et la réunion du 10 novembre ont eu lieu.
"#,
        );
    }

    #[test]
    fn live_blog_entry_out_of_sequence() {
        check_rule(
            "date.inconsistent",
            Lang::Fr,
            Some("2024-07-18"),
            r#"9h05 - La Bourse ouvre.
8h47 - Les ventes reculent.
8h20 - Le village ouvre.
7h43 - Les annonces doublent.
7h12 - Un drone abattu.
7h05 - Une start-up rachetée.
7h12 - Un autre drone abattu.
^^^^ date.inconsistent
7h00 - Fin de l'exercice.
"#,
        );
        check_rule(
            "date.inconsistent",
            Lang::En,
            Some("2024-07-18"),
            r#"9:05 a.m. ET — Markets open.
10:15 a.m. — Sales fall.
11:20 a.m. — The village opens.
12:43 p.m. — Listings double.
1:12 p.m. — A drone is downed.
12:55 p.m. — A late entry.
^^^^^^^^^^ date.inconsistent
2:05 p.m. — The end.
"#,
        );
    }

    #[test]
    fn duration_since_a_date() {
        check_rule(
            "date.inconsistent",
            Lang::En,
            Some("2017-07-02"),
            r#"It has been more than eight months since March 3, 2017, when the siege began.
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ date.inconsistent
It has been four months since March 3, 2017, and nearly two years since July 2015.
"#,
        );
        check_rule(
            "date.inconsistent",
            Lang::Fr,
            Some("2017-07-02"),
            r#"Cela fait plus de huit mois depuis le 3 mars que la ville est assiégée.
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ date.inconsistent
Il y a trois jours depuis le 29 juin. Cela fait plus de huit mois que la ville, tombée en juin 2014, est assiégée.
"#,
        );
    }
}
