//! `figure.percent-sum`: shares of one whole that add up past 100 %, or a stated count the listed
//! items contradict.

use super::{Context, Rule};
use crate::analysis::extract::figures::{Bound, Figure, Kind};
use crate::analysis::{Finding, Severity};
use crate::lang;
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "figure.percent-sum",
    summary: "parts of one whole whose percentages add up past 100 % (rounding allowed), or a stated count that the listed items contradict",
    summary_fr: "des parts d'un même tout dont les pourcentages dépassent 100 % (arrondis admis), ou un nombre annoncé que la liste qui suit contredit",
    doc: "### What it does\n\
Adds up the percentages one sentence gives as shares of one whole (\"52 % of the vote, 45 % and \
8 %\") and flags them when they pass 100 % by more than rounding allows (half a point per share). \
Percentages of different groups (\"respectively\", \"among\", \"chez\"), rates, changes and figures \
from different years are not added. It also counts the items of a list announced with a number \
(\"three people were arrested: A and B\") and flags the number when the list has more or fewer \
names.\n\n\
### Why it matters\n\
Shares that add to 108 % or a list that is one name short tell the reader a figure or a name was \
lost in the edit.\n\n\
### Example\n\
`Le maire sortant obtient 52 % des voix, son rival 45 % et la liste écologiste 9 %.` → 106 %. \
`Three men were charged: Ali Brandt and Tom Weller.` → the count says three, the list two.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = shares(ctx);
    out.extend(lists(ctx));
    out
}

fn sentence_has(ctx: &Context<'_>, sentence: usize, list: &lang::WordList) -> bool {
    let doc = ctx.doc;
    let text = format!(
        " {} ",
        doc.prose(doc.sentences[sentence].span).to_lowercase().replace('’', "'")
    );
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    list.any_spaced_in(&text)
}

fn shares(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let figures = &ctx.facts.figures;
    let mut out = Vec::new();
    let mut i = 0;
    while i < figures.len() {
        let s = figures[i].sentence;
        let j = i + figures[i..].iter().take_while(|f| f.sentence == s).count();
        let group: Vec<&Figure> = figures[i..j].iter().filter(|f| f.kind == Kind::Percent).collect();
        i = j;
        if group.len() < 2
            || group
                .iter()
                .any(|f| f.change || f.max.is_some() || f.bound != Bound::Exact)
            || sentence_has(ctx, s, lang::share_vetoes(doc.lang))
            || sentence_has(ctx, s, lang::change_words(doc.lang))
            || super::figure_inconsistent::years(ctx, s).len() >= 2
        {
            continue;
        }
        // One whole: the shares name the same thing, or only the first names it.
        let named: Vec<&str> = group.iter().filter_map(|f| f.counts.as_deref()).collect();
        let whole = match named.as_slice() {
            [] => group.len() >= 3,
            [first, rest @ ..] => {
                rest.iter().all(|c| c == first) && (rest.len() + 1 == group.len() || group[0].counts.is_some())
            }
        };
        if !whole {
            continue;
        }
        let sum: f64 = group.iter().map(|f| f.value).sum();
        let allowance = 0.5 * group.len() as f64;
        if sum <= 100.0 + allowance + 1e-9 {
            continue;
        }
        let last = group[group.len() - 1];
        let total = format_number(sum);
        let message = ctx.say(
            format!("these shares add up to {total} %, more than the whole"),
            format!("ces parts totalisent {total} %, plus que le tout"),
        );
        let severity = if named.len() == group.len() {
            Severity::Warning
        } else {
            Severity::Information
        };
        let mut f = Finding::new(RULE.code, last.span, severity, message);
        for g in &group[..group.len() - 1] {
            f = f.with_related(g.span, ctx.say("one of the shares", "l'une des parts"));
        }
        out.push(f);
    }
    out
}

fn format_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{:.1}", v)
    }
}

/// A count followed by a list of names: "three people were charged: A, B and C".
fn lists(ctx: &Context<'_>) -> Vec<Finding> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for f in &ctx.facts.figures {
        if f.kind != Kind::Count
            || f.change
            || f.bound != Bound::Exact
            || f.max.is_some()
            || !(2.0..=20.0).contains(&f.value)
            || f.value.fract() != 0.0
        {
            continue;
        }
        let sentence = doc.sentences[f.sentence].span;
        let rest = &doc.markup.prose[f.span.end..sentence.end];
        // The list opens with a colon or a dash, a few words after the count, no other figure between.
        let Some((mark, width)) = [":", " — ", " – "]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
            .min_by_key(|(at, _)| *at)
        else {
            continue;
        };
        let lead = &rest[..mark];
        if lead.split_whitespace().count() > 14
            || ctx
                .facts
                .figures
                .iter()
                .any(|g| g.span.start > f.span.end && g.span.start < f.span.end + mark)
        {
            continue;
        }
        let list_start = f.span.end + mark + width;
        let tail = &doc.markup.prose[list_start..sentence.end];
        let list_end = [" — ", " – ", "\n"]
            .iter()
            .filter_map(|m| tail.find(m))
            .min()
            .unwrap_or(tail.len());
        let list = tail[..list_end].trim().trim_end_matches(['.', '!', '?']);
        let Some(items) = count_items(list, doc.lang) else {
            continue;
        };
        if items == f.value as usize {
            continue;
        }
        let n = f.value as usize;
        let message = ctx.say(
            format!("the text announces {n} but lists {items}"),
            format!("le texte en annonce {n} mais en énumère {items}"),
        );
        let span = Span::new(list_start, list_start + list_end);
        out.push(
            Finding::new(RULE.code, f.span, Severity::Warning, message).with_related(
                span,
                ctx.say(format!("{items} listed here"), format!("{items} énumérés ici")),
            ),
        );
    }
    out
}

/// The number of names in a list ("A, B and C", "A; B; and C"), or `None` when it is not a list
/// of names (an item that does not start with a capital, or one too long to be a name).
fn count_items(list: &str, lang: crate::lang::Lang) -> Option<usize> {
    // Parentheses inside items ("Sierra Nevada Corporation (SNC)") do not separate.
    let mut flat = String::new();
    let mut depth = 0;
    for c in list.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => flat.push(c),
            _ => {}
        }
    }
    let sep = if flat.contains(';') { ';' } else { ',' };
    let mut parts: Vec<String> = flat.split(sep).map(|p| p.trim().to_owned()).collect();
    let and = lang.pick(" and ", " et ");
    let last = parts.pop()?;
    let last = last.strip_prefix(and.trim_start()).unwrap_or(&last).to_owned();
    if sep == ',' {
        match last.split_once(and) {
            Some((a, b)) => {
                parts.push(a.trim().to_owned());
                parts.push(b.trim().to_owned());
            }
            None => parts.push(last),
        }
    } else {
        parts.push(last);
    }
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return None;
    }
    for p in &parts {
        let first = p.trim_start_matches(|c: char| !c.is_alphanumeric());
        if !first.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let words = if sep == ';' { 12 } else { 6 };
        if p.split_whitespace().count() > words {
            return None;
        }
    }
    Some(parts.len())
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn french_shares() {
        check_rule(
            "figure.percent-sum",
            Lang::Fr,
            None,
            r#"Le maire sortant obtient 52 % des voix, son rival 45 % des voix et la liste verte 9 % des voix.
                                                                                  ^^^ figure.percent-sum
Au premier tour, 50,5 % des voix contre 49,5 % des voix.
En 2021, 52 % des hôpitaux étaient en déficit, après 42 % en 2020 et 58 % en 2019.
Les deux villes comptent respectivement 52,6 % et 49,5 % d'annonces de loueurs multiples.
"#,
        );
    }

    #[test]
    fn english_shares_and_lists() {
        check_rule(
            "figure.percent-sum",
            Lang::En,
            None,
            r#"Reyes won 48 % of the vote, Okafor 41 % of the vote and Lind 14 % of the vote.
                                                             ^^^^ figure.percent-sum
Reyes won 48 %, Okafor 41 % and Lind 11 %.
Three men were charged: Ali Brandt and Tom Weller.
^^^^^ figure.percent-sum
The four firms — Arvel, Brisk Labs (BL), Corvan and Dunmore Steel — won contracts.
Police charged three people: Han Oster, 41, of Lyle; Jo Oster, 30, of Kent; and Al Oster, 68, of Troy.
"#,
        );
    }
}
