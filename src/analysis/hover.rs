//! What hovering a place in the article shows: Markdown, in the messages' language.
//!
//! Each kind of fact has its own section builder; [`hover`] picks the innermost thing under the
//! cursor. A finding's rule documentation is shown with it.

use super::Analysis;
use super::checks;
use super::extract::{DateMention, Entity, Figure, Quote};
use crate::text::Span;

/// A hover: the range it is about and its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

/// The hover at a byte offset, if anything is there.
pub fn hover(a: &Analysis, offset: usize) -> Option<Hover> {
    let mut sections: Vec<(Span, String)> = Vec::new();
    if let Some(e) = a
        .facts
        .entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.span.touches(offset)))
    {
        let span = e.mentions.iter().find(|m| m.span.touches(offset)).map(|m| m.span)?;
        sections.push((span, entity_hover(a, e)));
    }
    if let Some(d) = a.facts.dates.iter().find(|d| d.span.touches(offset)) {
        sections.push((d.span, date_hover(a, d)));
    }
    if let Some(f) = a.facts.figures.iter().find(|f| f.span.touches(offset)) {
        sections.push((f.span, figure_hover(a, f)));
    }
    // A quote is the outermost thing: show it only when nothing inside it is hovered.
    if sections.is_empty()
        && let Some(q) = a
            .facts
            .quotes
            .iter()
            .filter(|q| q.span.touches(offset))
            .min_by_key(|q| q.span.len())
    {
        sections.push((q.span, quote_hover(a, q)));
    }
    for f in a.findings.iter().filter(|f| f.span.is_some_and(|s| s.touches(offset))) {
        let span = f.span.unwrap_or_default();
        let doc = checks::rule(f.code)
            .map(|r| rule_doc(r, a.messages))
            .unwrap_or_default();
        sections.push((span, format!("**{}** `{}`\n\n{}", f.message, f.code, doc)));
    }
    let span = sections.iter().map(|(s, _)| *s).min_by_key(|s| s.len())?;
    let markdown = sections
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    (!markdown.is_empty()).then_some(Hover { span, markdown })
}

/// A rule's documentation, as `copydesk rules CODE` prints it and a diagnostic's hover shows it.
pub fn rule_doc(rule: &checks::Rule, lang: crate::lang::Lang) -> String {
    let summary = lang.pick(rule.summary, rule.summary_fr);
    format!("`{}`: {summary}\n\n{}", rule.code, rule.doc)
}

fn quote_hover(a: &Analysis, q: &Quote) -> String {
    use super::extract::QuoteKind;
    let lang = a.messages;
    if q.kind == QuoteKind::Scare {
        return lang
            .pick(
                "**Quoted term**: nobody is quoted (a term, a title, a nickname).",
                "**Terme entre guillemets** : personne n'est cité (un terme, un titre, un surnom).",
            )
            .to_owned();
    }
    let kind = quote_kind_label(lang, q.kind);
    let Some(s) = &q.speaker else {
        return if q.attributed {
            format!(
                "**{kind}**: {}",
                lang.pick(
                    "credited by its format (interview, dialogue).",
                    "attribuée par sa forme (entretien, dialogue)."
                )
            )
        } else {
            format!(
                "**{kind}**: {}",
                lang.pick("no source found nearby.", "aucune source trouvée à proximité.")
            )
        };
    };
    let mut md = format!("**{kind}** {} **{}**", lang.pick("from", "de"), s.name);
    let named_as = a.doc.slice(s.span);
    let cue = q.cue.map(|c| a.doc.slice(c.span).trim()).filter(|c| !c.is_empty());
    if let Some(c) = cue {
        md.push_str(&format!("\n\n{} *{}*", lang.pick("Cue:", "Attribution :"), c));
    }
    if named_as != s.name {
        md.push_str(&format!(" ({} *{named_as}*)", lang.pick("named as", "désigné par")));
    }
    let others: Vec<&Quote> = a
        .facts
        .quotes
        .iter()
        .filter(|o| o.span != q.span && o.speaker.as_ref().is_some_and(|os| os.name == s.name))
        .collect();
    if !others.is_empty() {
        md.push_str(&format!(
            "\n\n{} ({}):",
            lang.pick("Other quotes from this source", "Autres citations de cette source"),
            others.len()
        ));
        for o in others.iter().take(8) {
            md.push_str(&format!("\n- {}", quote_excerpt(a.doc.slice(o.span), 12)));
        }
    }
    md
}

fn quote_kind_label(lang: crate::lang::Lang, kind: super::extract::QuoteKind) -> &'static str {
    use super::extract::QuoteKind;
    match kind {
        QuoteKind::Direct => lang.pick("Direct quote", "Citation directe"),
        QuoteKind::Partial => lang.pick("Partial quote", "Citation partielle"),
        QuoteKind::Scare => lang.pick("Quoted term", "Terme entre guillemets"),
    }
}

/// The first `words` words of a quotation, with an ellipsis when cut.
fn quote_excerpt(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    let cut = all.len() > words;
    let mut out = all[..all.len().min(words)].join(" ");
    if cut {
        out.push('…');
    }
    format!("“{out}”")
}

fn date_hover(a: &Analysis, d: &DateMention) -> String {
    match d.value {
        Some(v) => format!("`{}`", v.iso()),
        None => a.messages.pick("date not resolved", "date non résolue").to_owned(),
    }
}

fn figure_hover(_a: &Analysis, f: &Figure) -> String {
    format!(
        "`{}`{}",
        f.value,
        f.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
    )
}

fn entity_hover(a: &Analysis, e: &Entity) -> String {
    let n = e.mentions.len();
    format!(
        "**{}** ({}): {n} {}",
        e.name,
        e.kind.as_str(),
        a.messages.pick("mentions", "mentions")
    )
}
