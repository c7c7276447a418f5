//! What hovering a place in the article shows: Markdown, in the messages' language.
//!
//! Each kind of fact has its own section builder; [`hover`] picks the innermost thing under the
//! cursor. A finding's rule documentation is shown with it.

use super::Analysis;
use super::checks;
use super::extract::entities::workspace::{OtherSpelling, files_naming};
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
    hover_in_workspace(a, offset, &[])
}

/// [`hover`], with how the workspace's other articles name people (the language server's index):
/// a name's hover then says where else it appears.
pub fn hover_in_workspace(a: &Analysis, offset: usize, others: &[OtherSpelling]) -> Option<Hover> {
    let mut sections: Vec<(Span, String)> = Vec::new();
    if let Some(e) = a
        .facts
        .entities
        .iter()
        .find(|e| e.mentions.iter().any(|m| m.span.touches(offset)))
    {
        let span = e.mentions.iter().find(|m| m.span.touches(offset)).map(|m| m.span)?;
        sections.push((span, entity_hover(a, e, others)));
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
    use super::extract::Precision;
    use super::extract::dates::{capitalize, describe, weekday_name};
    use chrono::Datelike;
    let lang = a.messages;
    let Some(v) = d.value else {
        return match (d.relative || d.inferred, a.reference()) {
            (true, None) => lang
                .pick(
                    "Date not resolved: the article has no date (add `date:` to the front matter)",
                    "Date non résolue : l'article n'a pas de date (ajoutez `date:` en en-tête)",
                )
                .to_owned(),
            _ => lang
                .pick("This date does not exist", "Cette date n'existe pas")
                .to_owned(),
        };
    };
    let mut head = describe(&v, lang);
    if v.precision == Precision::Day {
        let wd = weekday_name(v.date.weekday(), lang);
        head = match lang {
            crate::lang::Lang::En => format!("{}, {head}", capitalize(&wd)),
            crate::lang::Lang::Fr => format!("{wd} {head}"),
        };
    }
    let mut lines = vec![format!("**{head}** `{}`", v.iso())];
    if let Some(r) = a.reference() {
        lines.push(distance(lang, v, r));
    }
    if d.relative {
        lines.push(
            lang.pick(
                "Relative date, read against the article's date",
                "Date relative, lue par rapport à la date de l'article",
            )
            .to_owned(),
        );
    } else if d.inferred {
        lines.push(
            lang.pick(
                "Year not written: taken from the article's date",
                "Année non écrite : tirée de la date de l'article",
            )
            .to_owned(),
        );
    }
    lines.join("\n\n")
}

/// "3 days before the article's date (27 June 2017)", in the messages' language.
fn distance(lang: crate::lang::Lang, v: super::extract::DateValue, reference: chrono::NaiveDate) -> String {
    use super::extract::Precision;
    use super::extract::dates::format_day;
    use chrono::Datelike;
    let on = format_day(reference, lang);
    let (n, unit_en, unit_fr) = match v.precision {
        Precision::Day | Precision::Week => {
            let n = (v.date - reference).num_days();
            if v.precision == Precision::Week && (0..7).contains(&-n) {
                return lang.pick(
                    format!("The week of the article's date ({on})"),
                    format!("La semaine de la date de l'article ({on})"),
                );
            }
            (n, "day", "jour")
        }
        Precision::Month => {
            let months =
                (v.date.year() - reference.year()) as i64 * 12 + v.date.month() as i64 - reference.month() as i64;
            (months, "month", "mois")
        }
        _ => ((v.date.year() - reference.year()) as i64, "year", "an"),
    };
    if n == 0 {
        return lang.pick(
            format!("Same {unit_en} as the article's date ({on})"),
            format!(
                "Même {} que la date de l'article ({on})",
                if unit_fr == "an" { "année" } else { unit_fr }
            ),
        );
    }
    let k = n.unsigned_abs();
    let plural_en = if k > 1 { "s" } else { "" };
    let plural_fr = if k > 1 && unit_fr != "mois" { "s" } else { "" };
    match (lang, n < 0) {
        (crate::lang::Lang::En, true) => format!("{k} {unit_en}{plural_en} before the article's date ({on})"),
        (crate::lang::Lang::En, false) => format!("{k} {unit_en}{plural_en} after the article's date ({on})"),
        (crate::lang::Lang::Fr, true) => format!("{k} {unit_fr}{plural_fr} avant la date de l'article ({on})"),
        (crate::lang::Lang::Fr, false) => format!("{k} {unit_fr}{plural_fr} après la date de l'article ({on})"),
    }
}

fn figure_hover(a: &Analysis, f: &Figure) -> String {
    use super::extract::figures::{Bound, Kind};
    let lang = a.messages;
    let value = match f.max {
        Some(max) => format!("{}–{}", plain_number(f.value), plain_number(max)),
        None => plain_number(f.value),
    };
    let bound = match f.bound {
        Bound::Exact => "",
        Bound::About => lang.pick("about ", "environ "),
        Bound::Nearly => lang.pick("nearly ", "près de "),
        Bound::Over => lang.pick("more than ", "plus de "),
        Bound::Under => lang.pick("at most ", "au plus "),
    };
    let unit = f.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
    let mut md = format!("**{bound}{value}{unit}**");
    if f.change {
        md.push_str(lang.pick(" (a change)", " (une variation)"));
    }
    if let Some(c) = &f.counts {
        let label = if f.kind == Kind::Age {
            lang.pick("age of", "âge de")
        } else {
            lang.pick("counts", "compte")
        };
        md.push_str(&format!("\n\n{label}: {c}"));
    }
    let others: Vec<&Figure> = a
        .facts
        .figures
        .iter()
        .filter(|g| g.span != f.span && g.same_quantity(f))
        .collect();
    if !others.is_empty() {
        let idx = crate::text::LineIndex::new(&a.doc.text);
        md.push_str(&format!("\n\n{}", lang.pick("Also stated:", "Aussi donné :")));
        for g in others {
            let (line, _) = idx.human(&a.doc.text, g.span.start);
            md.push_str(&format!(
                "\n- {} {line}: `{}`",
                lang.pick("line", "ligne"),
                a.doc.slice(g.span)
            ));
        }
    }
    md
}

/// 1500000 -> "1500000", 3.5 -> "3.5": the parsed value without float noise.
fn plain_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn entity_hover(a: &Analysis, e: &Entity, others: &[OtherSpelling]) -> String {
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
    let elsewhere = files_naming(e, others);
    if !elsewhere.is_empty() {
        const SHOWN: usize = 8;
        let mut list = elsewhere[..elsewhere.len().min(SHOWN)].join(", ");
        if elsewhere.len() > SHOWN {
            list.push_str(&lang.pick(
                format!(" and {} more", elsewhere.len() - SHOWN),
                format!(" et {} autres", elsewhere.len() - SHOWN),
            ));
        }
        out.push_str(&format!("\n\n{} {list}", lang.pick("Also in:", "Aussi dans :")));
    }
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
        assert!(!h.markdown.contains("Aussi dans"), "{}", h.markdown);
        let others: Vec<_> = ["lundi.md", "mardi.md", "lundi.md"]
            .iter()
            .map(|f| super::OtherSpelling {
                name: "Karim Haddad".into(),
                kind: crate::analysis::extract::EntityType::Person,
                lang: Lang::Fr,
                spelling: "Haddad".into(),
                file: (*f).into(),
            })
            .collect();
        let h = super::hover_in_workspace(&a, at, &others).expect("a hover on Haddad");
        assert!(h.markdown.contains("Aussi dans : lundi.md, mardi.md"), "{}", h.markdown);
    }
}
