//! Extraction tests on fictional articles written for them (EN and FR), one construction a line.

use expect_test::{Expect, expect};

use super::{QuoteKind, extract, unpaired};
use crate::analysis::document::Document;
use crate::config::Config;
use crate::lang::Lang;
use crate::markup::Format;

/// One line per quotation: kind, attributed, «content», speaker name, cue.
fn render(text: &str, format: Format, lang: Lang) -> String {
    let doc = Document::new(text, format, Some(lang));
    let quotes = extract(&doc, &Config::cli_default(), &[]);
    let mut out = String::new();
    for q in &quotes {
        let kind = match q.kind {
            QuoteKind::Direct => "direct ",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare  ",
        };
        let speaker = q.speaker.as_ref().map_or("-".to_owned(), |s| s.name.clone());
        let cue = q.cue.map_or("-", |c| doc.slice(c.span).trim());
        let attributed = if q.attributed { "+" } else { "?" };
        out.push_str(&format!(
            "{kind} {attributed} «{}» {speaker} / {cue}\n",
            doc.slice(q.span)
        ));
    }
    for u in unpaired(&doc) {
        out.push_str(&format!("UNPAIRED {} at {}\n", doc.slice(u.span), u.span.start));
    }
    out
}

fn check(text: &str, format: Format, lang: Lang, expect: Expect) {
    expect.assert_eq(&render(text, format, lang));
}

const EN: &str = r#"The council of Marlow voted on Tuesday to rebuild the old bridge. "We will rebuild it before the spring floods," said Mayor Ada Quill, 52. "It is the only road to the hospital."
"Nobody should have to drive forty minutes to see a doctor," she added.
Treasurer Tom Birch said: "The money is there, but the timetable is tight."
According to a police spokeswoman, the bridge was "unsafe for heavy trucks" for years.
“The repairs will take eight months,” a council engineer told reporters, “and we will close the road at night.”
Residents still use the so-called "widow-maker" every day.
Quill, who has lived in Marlow since the ’90s, said the students’ union and the rock ’n’ roll club don't mind. The engineer is 5'10" and ran 45" laps.
“First, we clear the riverbed.
“Then we pour the new piers.
“Finally, we lay the deck,” Birch said.
"We wrote to the ministry twice," the mayor wrote in a statement. "‘Soon’ was the only answer."
The bridge closed in 2019 after a flood.
"Nobody has seen the plans since March."
"#;

#[test]
fn english_article() {
    check(
        EN,
        Format::PlainText,
        Lang::En,
        expect![[r#"
            direct  + «We will rebuild it before the spring floods,» Ada Quill / said
            direct  + «It is the only road to the hospital.» Ada Quill / said
            direct  + «Nobody should have to drive forty minutes to see a doctor,» Ada Quill / added
            direct  + «The money is there, but the timetable is tight.» Tom Birch / said
            partial + «unsafe for heavy trucks» a police spokeswoman / According to
            direct  + «The repairs will take eight months,» a council engineer / told
            direct  + «and we will close the road at night.» a council engineer / told
            scare   ? «widow-maker» - / -
            direct  + «First, we clear the riverbed.
            “Then we pour the new piers.
            “Finally, we lay the deck,» Tom Birch / said
            direct  + «We wrote to the ministry twice,» Ada Quill / wrote
            direct  + «‘Soon’ was the only answer.» Ada Quill / wrote
            direct  ? «Nobody has seen the plans since March.» - / -
        "#]],
    );
}

const FR: &str = "Le conseil municipal de Ferlac s’est réuni mardi soir.
« Nous reconstruirons le pont avant l’hiver », a déclaré la maire, Anne Poulard.
« C’est la seule route vers l’hôpital », a-t-elle ajouté, avant de quitter la salle.
« Les travaux, estime-t-elle, dureront huit mois. »
Selon un responsable de la préfecture, le chantier coûtera « plus de deux millions d’euros ».
Le trésorier, Paul Mercier, a affirmé : « L’argent est là, mais le calendrier est serré. »
« Nous avons écrit deux fois au ministère », a-t-il écrit sur X.
Les habitants surnomment l’ouvrage le « Coupe-gorge » depuis les années 1990.
«\u{a0}Nous commencerons par le lit de la rivière.
«\u{202f}Puis viendront les piles.
» Enfin, le tablier\u{a0}», a précisé M. Mercier.
Un ingénieur a évoqué « un chantier “hors norme” ».
— Combien de temps durera la fermeture ?
— Huit mois, au moins.
L’armée l’a confirmé aujourd’hui, a-t-on appris.
";

#[test]
fn french_article() {
    check(
        FR,
        Format::PlainText,
        Lang::Fr,
        expect![[r#"
            direct  + «Nous reconstruirons le pont avant l’hiver» Anne Poulard / a déclaré
            direct  + «C’est la seule route vers l’hôpital» Anne Poulard / a-t-elle ajouté
            direct  + «Les travaux, estime-t-elle, dureront huit mois.» Anne Poulard / estime-t-elle
            partial + «plus de deux millions d’euros» un responsable de la préfecture / Selon
            direct  + «L’argent est là, mais le calendrier est serré.» Paul Mercier / a affirmé
            direct  + «Nous avons écrit deux fois au ministère» Paul Mercier / a-t-il écrit
            scare   ? «Coupe-gorge» - / -
            direct  + «Nous commencerons par le lit de la rivière.
            « Puis viendront les piles.
            » Enfin, le tablier» Paul Mercier / a précisé
            partial + «un chantier “hors norme”» Un ingénieur / a évoqué
            partial + «hors norme» Un ingénieur / a évoqué
            direct  + «Combien de temps durera la fermeture ?» - / -
            direct  + «Huit mois, au moins.» - / -
        "#]],
    );
}

#[test]
fn markdown_block_quote_and_interview() {
    check(
        "The minister posted a reply on Friday:\n\n> The bridge will open in May. We keep our promises.\n\nCritics were not convinced.\n\nQ: When will the bridge open?\n\nA: In May, if the weather holds.\n",
        Format::Markdown,
        Lang::En,
        expect![[r#"
            direct  + «The bridge will open in May. We keep our promises.» The minister / posted
            direct  + «When will the bridge open?» - / -
            direct  + «In May, if the weather holds.» - / -
        "#]],
    );
}

#[test]
fn apostrophes_and_measures_are_not_quotes() {
    for (text, lang) in [
        ("L’armée l’a vu aujourd’hui, dit-on.", Lang::Fr),
        (
            "They don’t play rock ’n’ roll since the ’90s at the students’ union.",
            Lang::En,
        ),
        (
            "He is 5'10\" tall and ran the lap in 45\". Rock 'n' roll isn't dead.",
            Lang::En,
        ),
    ] {
        assert_eq!(render(text, Format::PlainText, lang), "", "{text}");
    }
}

#[test]
fn unbalanced_marks() {
    let out = render(
        "« Une citation jamais fermée, a dit le maire.\nLe mot » bizarre « est à l’envers.\n",
        Format::PlainText,
        Lang::Fr,
    );
    assert!(out.contains("UNPAIRED « at 0"), "{out}");
    assert!(out.contains("UNPAIRED »"), "{out}");
    // Mixed styles pair; a continuation paragraph reopens without closing.
    let out = render(
        "“Mixed styles pair,\" she said.\n“One.\n“Two,” she said.\n",
        Format::PlainText,
        Lang::En,
    );
    assert!(!out.contains("UNPAIRED"), "{out}");
}

#[test]
fn dash_lists_are_not_dialogue() {
    let list = "Les mesures annoncées :\n– La gratuité des transports.\n– Un chèque énergie.\n";
    assert_eq!(render(list, Format::PlainText, Lang::Fr), "");
    let dialogue = "— Vous partez ?\n— Demain matin.\n";
    assert_eq!(render(dialogue, Format::PlainText, Lang::Fr).lines().count(), 2);
}

#[test]
fn speech_verbs_extend_from_the_configuration() {
    let text = "The coach spoke last.\n\n“We are ready,” the coach beamed.\n";
    let doc = Document::new(text, Format::PlainText, Some(Lang::En));
    let plain = extract(&doc, &Config::cli_default(), &[]);
    assert!(!plain[0].attributed);
    let mut config = Config::cli_default();
    config
        .lexicon
        .entry("speech_verbs".to_owned())
        .or_default()
        .insert(Lang::En, vec!["beamed".to_owned()]);
    let q = &extract(&doc, &config, &[])[0];
    assert!(q.attributed);
    assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("the coach"));
}

#[test]
fn hover_shows_source_cue_and_other_quotes() {
    let config = Config::cli_default();
    let mut input = crate::analysis::Input::new(EN, Format::PlainText, &config);
    input.lang = Some(Lang::En);
    let a = crate::analysis::analyze(input);
    let at = EN.find("only road").expect("in the text");
    let h = crate::analysis::hover::hover(&a, at).expect("a hover");
    assert!(h.markdown.contains("**Ada Quill**"), "{}", h.markdown);
    assert!(h.markdown.contains("Cue: *said*"), "{}", h.markdown);
    assert!(
        h.markdown.contains("Other quotes from this source (4)"),
        "{}",
        h.markdown
    );
    let at = EN.find("widow-maker").expect("in the text");
    let h = crate::analysis::hover::hover(&a, at).expect("a hover");
    assert!(h.markdown.contains("nobody is quoted"), "{}", h.markdown);
}

#[test]
fn french_tenses_inversions_and_reporting_cues() {
    check(
        "Le pont de Vaubrun a rouvert lundi.\n\
« Il tiendra cent ans », avait affirmé le maire, Paul Roux, en janvier.\n\
« Nous avons vérifié chaque pile », estime-t-il aujourd'hui.\n\
Le trafic restera « très dense » jusqu'à vendredi, a-t-on appris auprès de la préfecture.\n\
Les travaux auraient coûté « près de trois millions », d'après un rapport municipal.\n\
Une riveraine dénonce « un chantier bâclé ».\n",
        Format::PlainText,
        Lang::Fr,
        expect![[r#"
            direct  + «Il tiendra cent ans» Paul Roux / avait affirmé
            direct  + «Nous avons vérifié chaque pile» Paul Roux / estime-t-il
            partial + «très dense» la préfecture / a-t-on appris
            partial + «près de trois millions» un rapport municipal / d'après
            partial + «un chantier bâclé» Une riveraine / dénonce
        "#]],
    );
}

#[test]
fn hard_wrapped_plain_text_keeps_its_quotations() {
    let text = "The mayor spoke to the crowd on Monday and said: \"We will rebuild the\nbridge before the floods come back,\" before she left the square.\n";
    let out = render(text, Format::PlainText, Lang::En);
    assert!(
        out.starts_with("direct  + «We will rebuild the\nbridge before the floods come back,»"),
        "{out}"
    );
    assert!(!out.contains("UNPAIRED"), "{out}");
}

#[test]
fn pronouns_resolve_to_a_compatible_source() {
    check(
        "Mayor Ada Quill spoke first. “We will rebuild,” she said.\nTreasurer Tom Birch disagreed. “There is no money,” he said. “We will find it,” she replied.\n",
        Format::PlainText,
        Lang::En,
        expect![[r#"
            direct  + «We will rebuild,» Ada Quill / said
            direct  + «There is no money,» Tom Birch / said
            direct  + «We will find it,» Ada Quill / replied
        "#]],
    );
}

#[test]
fn french_incise_without_comma() {
    let out = render(
        "Le stade était plein.\n« On y croyait » explique Julie Marchand, supportrice depuis vingt ans.\n",
        Format::PlainText,
        Lang::Fr,
    );
    assert_eq!(out, "direct  + «On y croyait» Julie Marchand / explique\n");
}

#[test]
fn multi_paragraph_quotation_without_reopening_marks() {
    let out = render(
        "Le maire a pris la parole : « Nous avons beaucoup travaillé.\nLes travaux commenceront en mai.\nNous tiendrons les délais », a-t-il conclu.\n",
        Format::PlainText,
        Lang::Fr,
    );
    assert!(!out.contains("UNPAIRED"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn an_opening_mark_alone_at_a_paragraph_end_does_not_panic() {
    let out = render("Il a dit : «\n\nNous verrons. »\n", Format::PlainText, Lang::Fr);
    assert!(out.contains("«Nous verrons.»"), "{out}");
}

#[test]
fn a_surname_takes_the_entity_name() {
    use crate::analysis::extract::{Entity, EntityType, Mention};
    let text = "Dupont a déclaré : « Le pont tiendra. »\n";
    let doc = Document::new(text, Format::PlainText, Some(Lang::Fr));
    let at = text.find("Dupont").expect("in the text");
    let entities = [Entity::new(
        "jean-pierre-dupont",
        "Jean-Pierre Dupont",
        EntityType::Person,
        vec![Mention::full(crate::text::Span::new(at, at + "Dupont".len()))],
    )];
    let q = &extract(&doc, &Config::cli_default(), &entities)[0];
    assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Jean-Pierre Dupont"));
}
