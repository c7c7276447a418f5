//! `figure.inconsistent`: one quantity stated with two values.

use super::{Context, Rule};
use crate::analysis::extract::figures::{Figure, Kind};
use crate::analysis::{Finding, Severity};
use crate::lang;

pub static RULE: Rule = Rule {
    code: "figure.inconsistent",
    summary: "the same quantity stated with different values (a toll, an age, a total); an approximate form compatible with an exact one is not inconsistent",
    summary_fr: "une même quantité donnée avec deux valeurs (un bilan, un âge, un total) ; une forme approchée compatible avec la valeur exacte n'est pas une incohérence",
    doc: "### What it does\n\
Compares every figure with the earlier figures that count the same thing (the same noun phrase, \
the same casualty class, the value of the same named quantity, one person's age) and flags a later \
mention whose value the earlier one contradicts. The finding sits on the later mention and points \
at the earlier one.\n\n\
Approximations are read for what they allow: \"more than X\" accepts any value of X or more, \
\"about X\" accepts ±10 %, a rounded form (\"3.5 million\") accepts what it rounds (\"3,512,000\"), \
a range accepts what it spans. A figure that the sentence presents as a change (\"rose to\", \
\"passé à\", \"now\", \"désormais\", \"+4 %\", \"de 800 à 750\") or that belongs to a different year \
is not compared, and a person's age one year apart is not a contradiction. The rule stays silent \
when it is unsure that two numbers count the same thing: it reports a warning when the counted \
phrase matches and the two values look like one mistyped figure, and information when only the \
head noun matches.\n\n\
### Why it matters\n\
A toll given as 12 in the lede and 14 further down, or an age that changes between paragraphs, \
is the error readers write in about, and the one a desk misses because each sentence reads well on \
its own.\n\n\
### Example\n\
`Twelve people were killed on Monday. [...] The 14 people killed were all passengers.` → the \
second figure is flagged, with the first as related information. `About 300 homes` and `312 homes` \
are not flagged; `Jean Dupont, 45 ans` and `il fêtera ses 46 ans en mai` are not either.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let figures = &ctx.facts.figures;
    let mut out = Vec::new();
    for (bi, b) in figures.iter().enumerate() {
        if !comparable(b) {
            continue;
        }
        let earlier = &figures[..bi];
        // A later mention that repeats an earlier value of the same thing is consistent with it.
        if earlier
            .iter()
            .any(|a| comparable(a) && same_thing(a, b) && a.compatible(b) && a.sentence != b.sentence)
        {
            continue;
        }
        let best = earlier
            .iter()
            .rev()
            .filter_map(|a| conflict(ctx, a, b).map(|s| (a, s)))
            .max_by_key(|(_, s)| *s);
        let Some((a, severity)) = best else { continue };
        let (wa, wb) = (ctx.doc.slice(a.span), ctx.doc.slice(b.span));
        let what = b.counts.clone().unwrap_or_default();
        let message = if b.kind == Kind::Age {
            ctx.say(
                format!("{what} is {wb} here but {wa} earlier"),
                format!("{what} a {wb} ici, mais {wa} plus haut"),
            )
        } else {
            ctx.say(
                format!("\"{wb}\" contradicts \"{wa}\" stated earlier for the same quantity ({what})"),
                format!("« {wb} » contredit « {wa} », donné plus haut pour la même quantité ({what})"),
            )
        };
        let related = ctx.say(
            format!("first stated as \"{wa}\" here"),
            format!("d'abord donné ici : « {wa} »"),
        );
        out.push(Finding::new(RULE.code, b.span, severity, message).with_related(a.span, related));
    }
    out
}

fn comparable(f: &Figure) -> bool {
    !f.change && f.key.is_some() && f.kind != Kind::Points
}

fn same_thing(a: &Figure, b: &Figure) -> bool {
    a.key == b.key && a.kind == b.kind && a.unit == b.unit
}

/// How sure we are that `a` and `b` state one quantity with two values, if they do.
fn conflict(ctx: &Context<'_>, a: &Figure, b: &Figure) -> Option<Severity> {
    if !comparable(a) || a.sentence == b.sentence || !same_thing(a, b) || a.compatible(b) {
        return None;
    }
    let doc = ctx.doc;
    if changes(ctx, a.sentence) || changes(ctx, b.sentence) || different_years(ctx, a.sentence, b.sentence) {
        return None;
    }
    if a.kind == Kind::Age {
        // A birthday between two mentions is not a contradiction.
        return ((a.value - b.value).abs() > 1.0).then_some(Severity::Warning);
    }
    if !typo_like(a, b) {
        return None;
    }
    let blocks = doc.sentences[a.sentence]
        .block
        .abs_diff(doc.sentences[b.sentence].block);
    let shared = shared_words(ctx, a, b);
    let modifiers_clash =
        !a.modifiers.is_empty() && !b.modifiers.is_empty() && !a.modifiers.iter().any(|m| b.modifiers.contains(m));
    if modifiers_clash {
        // "drones navals" and "drones aériens" may be two things: say so only when the context
        // is the same.
        return (shared >= 1 && blocks <= 2).then_some(Severity::Information);
    }
    let mut score = 0;
    score += if a.modifiers == b.modifiers && !a.modifiers.is_empty() {
        2
    } else {
        1
    };
    score += shared.min(3);
    score += match blocks {
        0 => 2,
        1 => 1,
        _ => 0,
    };
    if a.key
        .as_deref()
        .is_some_and(|k| k.starts_with("of:") || k.starts_with("casualty:"))
    {
        score += 1;
    }
    if a.value.max(b.value) < 10.0 {
        score -= 1;
    }
    match score {
        s if s >= 3 => Some(Severity::Warning),
        2 => Some(Severity::Information),
        _ => None,
    }
}

/// Do two written numbers look like one figure mistyped: one digit changed, two swapped, or the
/// same digits with the decimal point or the unit moved (0,1 µg/l and 1 g/l)?
fn typo_like(a: &Figure, b: &Figure) -> bool {
    let (da, db) = (a.digits.as_str(), b.digits.as_str());
    if one_off(da, db) {
        return true;
    }
    let sig = |s: &str| s.trim_start_matches('0').trim_end_matches('0').to_owned();
    let (sa, sb) = (sig(da), sig(db));
    !sa.is_empty() && (sa == sb || one_off(&sa, &sb))
}

fn one_off(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    let diffs: Vec<usize> = a
        .bytes()
        .zip(b.bytes())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, _)| i)
        .collect();
    match diffs.as_slice() {
        [_] => true,
        [i, j] => j - i == 1 && a.as_bytes()[*i] == b.as_bytes()[*j] && a.as_bytes()[*j] == b.as_bytes()[*i],
        _ => false,
    }
}

/// Does a sentence say its figures changed over time ("rose to", "désormais", "contre")?
fn changes(ctx: &Context<'_>, sentence: usize) -> bool {
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
    lang::change_words(doc.lang)
        .entries()
        .iter()
        .any(|w| text.contains(&format!(" {w} ")))
}

fn years<'a>(ctx: &Context<'a>, sentence: usize) -> Vec<&'a str> {
    let doc = ctx.doc;
    doc.sentence_words(sentence)
        .iter()
        .map(|w| doc.slice(w.span))
        .filter(|w| {
            w.len() == 4 && w.starts_with(['1', '2']) && w.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y))
        })
        .collect()
}

/// Two sentences dated to different years speak of different periods.
fn different_years(ctx: &Context<'_>, a: usize, b: usize) -> bool {
    let (ya, yb) = (years(ctx, a), years(ctx, b));
    !ya.is_empty() && !yb.is_empty() && !ya.iter().any(|y| yb.contains(y))
}

/// Content words the two sentences share, besides the counted phrase itself.
fn shared_words(ctx: &Context<'_>, a: &Figure, b: &Figure) -> usize {
    let doc = ctx.doc;
    let stops = lang::phrase_stops(doc.lang);
    let own: Vec<String> = [&a.counts, &b.counts]
        .iter()
        .filter_map(|c| c.as_deref())
        .flat_map(|c| c.split_whitespace().map(str::to_lowercase))
        .collect();
    let words = |s: usize| -> std::collections::HashSet<String> {
        doc.sentence_words(s)
            .iter()
            .map(|w| doc.slice(w.span).to_lowercase())
            .filter(|w| w.chars().count() >= 4 && !w.chars().any(|c| c.is_numeric()))
            .filter(|w| !stops.contains(w) && !lang::stopwords(doc.lang).contains(w) && !own.contains(w))
            .filter(|w| crate::analysis::extract::figures::is_plain_word(w, doc.lang))
            .collect()
    };
    words(a.sentence).intersection(&words(b.sentence)).count()
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn english_toll_and_votes() {
        check_rule(
            "figure.inconsistent",
            Lang::En,
            None,
            r#"The storm left 27 people dead in the coastal towns of Marlow County.

Rescuers in Marlow County said the 29 people dead had been trapped in their homes.
                                   ^^ figure.inconsistent
"#,
        );
    }
}
