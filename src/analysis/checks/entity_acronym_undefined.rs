//! `entity.acronym-undefined`: an acronym used before its expansion, or never expanded.

use super::{Context, Rule};
use crate::analysis::extract::Entity;
use crate::analysis::extract::entities::MentionForm;
use crate::analysis::{Finding, Fix, Severity};
use crate::kb::Knowledge;
use crate::lang::Lang;
use crate::text::Span;

pub static RULE: Rule = Rule {
    code: "entity.acronym-undefined",
    summary: "an acronym used before (or without) its expansion, unless universally known",
    summary_fr: "un sigle employé avant d'être développé (ou jamais développé), sauf s'il est connu de tous",
    doc: "### What it does\n\
Flags an acronym that the article uses before the paragraph that spells it out (`the ICA … the \
Independent Coders' Alliance (ICA)`), and an institution's acronym that it never spells out (`les \
étudiants du CELFA`). Acronyms everybody knows (USA, UN/ONU, NATO/OTAN, EU/UE, AFP, BBC, CEO, \
PDG…, from the knowledge base) are left alone, and so are brand names used as names (`TSMC \
voit son bénéfice…`) and agency credits in parentheses.\n\n\
### Why it matters\n\
A reader who meets an unexplained acronym stops reading; spelling it out at first use is the \
rule of every style guide.\n\n\
### Example\n\
`La guerre contre l'EI… le groupe Etat islamique (EI)` → spell it out at the first use: \
`La guerre contre l'Etat islamique (EI)…`.",
    default_severity: Severity::Warning,
    default_on: true,
    check,
};

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let kb = Knowledge::new(&ctx.config.names);
    let mut out = Vec::new();
    for e in &ctx.facts.entities {
        let Some(acronym) = e.acronym.as_deref() else {
            continue;
        };
        let Some(first) = e.acronym_mentions().next() else {
            continue;
        };
        let known = kb.acronym(acronym);
        if known.as_ref().is_some_and(|k| k.known) {
            continue;
        }
        let body = |s: Span| {
            ctx.doc
                .block_at(s.start)
                .is_some_and(|b| !ctx.doc.is_heading(b) && ctx.doc.sentence_at(s.start).is_some())
        };
        if !body(first.span) || in_parentheses(ctx, first.span) || in_headline(ctx, first.span) {
            continue;
        }
        match e.expansion {
            Some(exp) if exp.start > first.span.start => {
                // Spelled out later: only a problem when it is not in the same paragraph.
                if ctx.doc.block_at(exp.start) == ctx.doc.block_at(first.span.start) {
                    continue;
                }
                let expansion = ctx.doc.slice(exp).to_owned();
                let message = ctx.say(
                    format!("\"{acronym}\" is used before it is spelled out (\"{expansion}\")"),
                    format!("« {acronym} » est employé avant d'être développé (« {expansion} »)"),
                );
                out.push(
                    Finding::new(RULE.code, first.span, Severity::Warning, message)
                        .with_related(exp, ctx.say("spelled out here", "développé ici"))
                        .with_fix(spell_out(ctx, first.span, &expansion, acronym)),
                );
            }
            Some(_) => {}
            None => {
                if let Some(f) = never_expanded(ctx, e, acronym, first.span, known.as_ref().map(|k| k.name.clone())) {
                    out.push(f);
                }
            }
        }
    }
    out
}

fn spell_out(ctx: &Context<'_>, span: Span, expansion: &str, acronym: &str) -> Fix {
    let title = ctx.say(
        format!("Spell out: \"{expansion} ({acronym})\""),
        format!("Développer : « {expansion} ({acronym}) »"),
    );
    Fix::replace(title, span, format!("{expansion} ({acronym})"))
}

/// Headlines use acronyms before the story explains them: the first block of a plain-text
/// article, or any short block without a final full stop.
fn in_headline(ctx: &Context<'_>, span: Span) -> bool {
    let Some(b) = ctx.doc.block_at(span.start) else {
        return false;
    };
    let text = ctx.doc.prose(ctx.doc.blocks()[b].span).trim();
    let words = text.split_whitespace().count();
    let first_block = ctx
        .doc
        .blocks()
        .iter()
        .position(|bl| !ctx.doc.prose(bl.span).trim().is_empty())
        == Some(b);
    (first_block && words < 30) || (words < 25 && !text.ends_with(['.', '!', '?', '»', '"', '”']))
}

fn in_parentheses(ctx: &Context<'_>, span: Span) -> bool {
    let before = ctx.doc.markup.prose[..span.start].trim_end();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    line.rfind('(').is_some_and(|open| !line[open..].contains(')'))
}

/// An institution's acronym never spelled out: it is written as a common noun with an article
/// ("du CELFA", "the ICA's board"), not as a brand ("TSMC voit", "consensus LSEG").
fn never_expanded(
    ctx: &Context<'_>,
    e: &Entity,
    acronym: &str,
    first: Span,
    kb_name: Option<String>,
) -> Option<Finding> {
    let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 && kb_name.is_none() {
        return None;
    }
    if e.mentions.iter().any(|m| m.form != MentionForm::Acronym) {
        return None;
    }
    let articles: &[&str] = match ctx.doc.lang {
        Lang::En => &["the"],
        Lang::Fr => &["du", "le", "la", "l'", "l’", "au", "des", "aux"],
    };
    let with_article = e.acronym_mentions().any(|m| {
        let before = ctx.doc.markup.prose[..m.span.start].trim_end_matches([' ', '\u{a0}']);
        let prev = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        articles
            .iter()
            .any(|a| prev == *a || (a.ends_with(['\'', '’']) && prev.ends_with(a)))
    });
    if !with_article && kb_name.is_none() {
        return None;
    }
    let message = ctx.say(
        format!("\"{acronym}\" is never spelled out"),
        format!("« {acronym} » n'est jamais développé"),
    );
    let mut f = Finding::new(RULE.code, first, Severity::Information, message);
    // The knowledge base's names are English; a French article gets no English expansion.
    if let Some(name) = kb_name.filter(|_| ctx.doc.lang == Lang::En) {
        f = f.with_fix(spell_out(ctx, first, &name, acronym));
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::analysis::checks::test_support::check_rule;
    use crate::lang::Lang;

    #[test]
    fn french_used_before_expansion_and_never_expanded() {
        check_rule(
            "entity.acronym-undefined",
            Lang::Fr,
            None,
            r#"Irak : la bataille continue

La guerre contre l'EI continue, selon l'AFP et l'ONU.
                   ^^ entity.acronym-undefined

Les combattants du groupe Etat islamique (EI) reculent. L'OTAN observe.

Des étudiants du CELFA ont enquêté. Le groupe TSMC voit ses ventes bondir.
                 ^^^^^ entity.acronym-undefined
"#,
        );
    }

    #[test]
    fn english_expanded_in_time_or_known() {
        check_rule(
            "entity.acronym-undefined",
            Lang::En,
            None,
            r#"Health officials meet in Geneva

The World Health Organization (WHO) and the ICA met. The BBC and NATO watched.
                                            ^^^ entity.acronym-undefined

The WHO said the Independent Coders Alliance (ICA) would help. The CEO agreed.
Harbor Systems (HSX) rose; HSX shares doubled.
"#,
        );
        check_rule(
            "entity.acronym-undefined",
            Lang::En,
            None,
            r#"ICA backs new coding rules

The Independent Coders Alliance (ICA) said on Monday it would back the rules.
"#,
        );
    }
}
