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
    let lang = a.messages;
    match &q.speaker {
        Some(s) => format!("{} **{}**", lang.pick("Quote from", "Citation de"), s.name),
        None if q.kind == super::extract::QuoteKind::Scare => lang
            .pick(
                "Quoted term (nobody is quoted)",
                "Terme entre guillemets (personne n'est cité)",
            )
            .to_owned(),
        None => lang.pick("Quote with no source", "Citation sans source").to_owned(),
    }
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
    use super::extract::EntityType;
    let lang = a.messages;
    let mut out = format!("**{}** — {}", e.name, e.kind.label(lang));
    if let Some(k) = &e.kb {
        let canonical = k.display_name(lang);
        let description = k.description(lang);
        let mut line = String::new();
        if crate::kb::fold(canonical) != crate::kb::fold(&e.name) {
            line.push_str(canonical);
        }
        if !description.is_empty() {
            if !line.is_empty() {
                line.push_str(" — ");
            }
            line.push_str(&description);
        }
        if !line.is_empty() {
            out.push_str(&format!("\n\n{line}"));
        }
        if let Some(p) = k.preferred.as_deref().filter(|p| *p != e.name) {
            out.push_str(&format!(
                "\n\n{} **{p}**",
                lang.pick("House spelling:", "Graphie maison :")
            ));
        }
    }
    if let (Some(acr), Some(exp)) = (&e.acronym, e.expansion) {
        out.push_str(&format!(
            "\n\n{} `{acr}` = {}",
            lang.pick("Acronym", "Sigle"),
            a.doc.slice(exp)
        ));
    }
    if let Some(first) = e.mentions.first() {
        let (line, _) = crate::text::LineIndex::new(&a.doc.text).human(&a.doc.text, first.span.start);
        let intro = e.intro.as_ref().map(|i| format!(" — *{}*", i.text)).unwrap_or_default();
        out.push_str(&format!(
            "\n\n{} « {} » ({} {line}){intro}",
            lang.pick("Introduced as", "Introduit comme"),
            a.doc.slice(first.span),
            lang.pick("line", "ligne")
        ));
    }
    let mut forms: Vec<&str> = Vec::new();
    for m in &e.mentions {
        let t = a.doc.slice(m.span);
        if !forms.contains(&t) {
            forms.push(t);
        }
    }
    let n = e.mentions.len();
    out.push_str(&format!(
        "\n\n{n} {}: {}",
        lang.pick(
            if n == 1 { "mention" } else { "mentions" },
            if n == 1 { "mention" } else { "mentions" }
        ),
        forms.iter().map(|f| format!("« {f} »")).collect::<Vec<_>>().join(", ")
    ));
    if e.kind == EntityType::Person {
        let quotes = attributed_quotes(a, e);
        if !quotes.is_empty() {
            out.push_str(&format!("\n\n{}", lang.pick("Quoted:", "Citations :")));
            for q in quotes.iter().take(5) {
                let text = a.doc.slice(q.span);
                let short: String = text.chars().take(80).collect();
                let more = if text.chars().count() > 80 { "…" } else { "" };
                out.push_str(&format!("\n- « {short}{more} »"));
            }
        }
    }
    out
}

/// The quotations whose resolved speaker names this person (full name or surname).
fn attributed_quotes<'a>(a: &'a Analysis, e: &Entity) -> Vec<&'a Quote> {
    let fold = crate::kb::fold;
    let full = fold(&e.name);
    let surname = full.rsplit(' ').next().unwrap_or(&full).to_owned();
    a.facts
        .quotes
        .iter()
        .filter(|q| {
            q.speaker.as_ref().is_some_and(|s| {
                let name = fold(&s.name);
                name == full || name.split(' ').any(|w| w == surname) && surname.len() > 2
            })
        })
        .collect()
}

#[cfg(test)]
mod entity_hover_tests {
    use crate::analysis::checks::test_support::run;
    use crate::lang::Lang;

    #[test]
    fn hover_on_a_place_and_a_person() {
        let text = "Les forces irakiennes avancent vers Mossoul. Le ministre Karim Haddad, porte-parole du gouvernement, \
est optimiste. Selon Haddad, Mossoul tombera.";
        let a = run(text, Lang::Fr, None);
        let at = text.rfind("Mossoul").unwrap() + 2;
        let h = super::hover(&a, at).expect("a hover on Mossoul");
        assert!(h.markdown.contains("**Mossoul** — lieu"), "{}", h.markdown);
        assert!(h.markdown.contains("Mosul — ville (Irak)"), "{}", h.markdown);
        assert!(h.markdown.contains("2 mentions"), "{}", h.markdown);
        let at = text.rfind("Haddad").unwrap();
        let h = super::hover(&a, at).expect("a hover on Haddad");
        assert!(h.markdown.contains("**Karim Haddad** — personne"), "{}", h.markdown);
        assert!(
            h.markdown.contains("*le ministre*") || h.markdown.contains("*ministre*"),
            "{}",
            h.markdown
        );
    }
}
