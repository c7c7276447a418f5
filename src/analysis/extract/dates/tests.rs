//! Extraction tests: fictional sentences, one construction each, EN and FR.

use crate::analysis::checks::test_support::run;
use crate::lang::Lang;

/// (text, value, relative) of every date found in `text`, dated `date`.
fn dates(text: &str, lang: Lang, date: Option<&str>) -> Vec<(String, Option<String>, bool)> {
    let a = run(text, lang, date);
    a.facts
        .dates
        .iter()
        .map(|d| (a.doc.slice(d.span).to_owned(), d.value.map(|v| v.iso()), d.relative))
        .collect()
}

fn show(v: &[(String, Option<String>, bool)]) -> String {
    v.iter()
        .map(|(t, v, r)| format!("{t}={}{}", v.as_deref().unwrap_or("null"), if *r { "~" } else { "" }))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[track_caller]
fn check(lang: Lang, date: Option<&str>, text: &str, expect: &str) {
    assert_eq!(show(&dates(text, lang, date)), expect, "\nin: {text}");
}

#[test]
fn smoke() {
    check(
        Lang::Fr,
        Some("2017-06-26"),
        "Lundi 26 juin, les forces ont avancé. Dimanche, une attaque.",
        "Lundi 26 juin=2017-06-26 | Dimanche=2017-06-25~",
    );
}

#[test]
fn english_calendar_dates() {
    let d = Some("2017-06-27");
    check(
        Lang::En,
        d,
        "The treaty was signed on 26 June 2017 in Geneva.",
        "26 June 2017=2017-06-26",
    );
    check(
        Lang::En,
        d,
        "The ferry sank on June 26 near the coast.",
        "June 26=2017-06-26",
    );
    check(
        Lang::En,
        d,
        "Voting closed on Monday, June 26, 2017, at noon.",
        "Monday, June 26, 2017=2017-06-26",
    );
    check(
        Lang::En,
        d,
        "The firm reported on Nov. 18 that sales fell.",
        "Nov. 18=2017-11-18",
    );
    check(
        Lang::En,
        d,
        "The port reopened in mid-June after repairs.",
        "mid-June=2017-06",
    );
    check(
        Lang::En,
        d,
        "Talks resume in early 2020, officials say.",
        "early 2020=2020",
    );
    check(
        Lang::En,
        d,
        "She moved to the city in 2014 and left in July 2016.",
        "2014=2014 | July 2016=2016-07",
    );
    check(
        Lang::En,
        d,
        "The band was famous in the 1990s and the '80s.",
        "the 1990s=1990 | the '80s=1980",
    );
    check(
        Lang::En,
        d,
        "The log reads 2017-06-26 and the form 06/20/2017.",
        "2017-06-26=2017-06-26 | 06/20/2017=2017-06-20",
    );
    check(
        Lang::En,
        d,
        "PARIS, June 27 (Wire) - The strike spread.",
        "June 27=2017-06-27",
    );
    check(
        Lang::En,
        d,
        "Profits rose in the second quarter and in Q4 2016.",
        "the second quarter=2017 | Q4 2016=2016",
    );
}

#[test]
fn british_numeric_dates_are_day_first() {
    check(
        Lang::En,
        Some("2017-06-27"),
        "The inquiry opened on 3 May 2017. The memo is dated 04/05/2017.",
        "3 May 2017=2017-05-03 | 04/05/2017=2017-05-04",
    );
}

#[test]
fn english_relative_dates() {
    let d = Some("2017-06-27"); // a Tuesday
    check(
        Lang::En,
        d,
        "The mayor resigned yesterday and leaves tomorrow.",
        "yesterday=2017-06-26~ | tomorrow=2017-06-28~",
    );
    check(Lang::En, d, "Voters went to the polls on Sunday.", "Sunday=2017-06-25~");
    check(Lang::En, d, "The panel will meet on Friday.", "Friday=2017-06-30~");
    check(
        Lang::En,
        d,
        "The board met last week and meets again next month.",
        "last week=2017-06-19~ | next month=2017-07~",
    );
    check(
        Lang::En,
        d,
        "The fire broke out two days ago.",
        "two days ago=2017-06-25~",
    );
    check(
        Lang::En,
        d,
        "The plant closed nearly a year ago.",
        "nearly a year ago=2016-06~",
    );
    check(Lang::En, d, "Today the council votes.", "Today=2017-06-27~");
    check(
        Lang::En,
        d,
        "Rain fell in May. Two months later the river was dry.",
        "May=2017-05 | Two months later=2017-07~",
    );
    check(
        Lang::En,
        d,
        "The ship docked on 3 March. The next day it left.",
        "3 March=2017-03-03 | The next day=2017-03-04~",
    );
    check(
        Lang::En,
        d,
        "Crowds gathered on Labor Day and on Christmas 2016.",
        "Labor Day=2017-09-04 | Christmas 2016=2016-12-25",
    );
}

#[test]
fn english_false_dates() {
    let d = Some("2017-06-27");
    check(
        Lang::En,
        d,
        "The minister may resign. Protesters march on the capital.",
        "",
    );
    check(
        Lang::En,
        d,
        "They will March on the square. In May 35 people left.",
        "May=2017-05",
    );
    check(Lang::En, d, "He read the Sunday Times on Black Friday.", "");
    check(Lang::En, d, "The war lasted eight months and the siege 63 days.", "");
    check(Lang::En, d, "The score was 3-1 at 7:07 and 2,000 fans left.", "");
    check(Lang::En, d, "April Ryan and June Carter sang on the JO-2024 stage.", "");
    check(Lang::En, d, "He had 1954 votes and ran 2019 km.", "");
}

#[test]
fn year_inference_takes_the_recent_past() {
    check(
        Lang::En,
        Some("2018-01-02"),
        "The blaze began on Dec. 30 and ended on Jan. 1.",
        "Dec. 30=2017-12-30 | Jan. 1=2018-01-01",
    );
    check(
        Lang::Fr,
        Some("2020-01-14"),
        "Le 5 décembre, la grève a commencé.",
        "5 décembre=2019-12-05",
    );
    check(
        Lang::En,
        Some("2019-11-19"),
        "The lander was unveiled in May.",
        "May=2019-05",
    );
}

#[test]
fn french_calendar_dates() {
    let d = Some("2017-06-27");
    check(
        Lang::Fr,
        d,
        "Lundi 26 juin, le conseil a voté.",
        "Lundi 26 juin=2017-06-26",
    );
    check(
        Lang::Fr,
        d,
        "Le décret entre en vigueur le 1er mars.",
        "1er mars=2017-03-01",
    );
    check(
        Lang::Fr,
        d,
        "Le maire a parlé mardi 20 devant les élus.",
        "mardi 20=2017-06-20",
    );
    check(
        Lang::Fr,
        d,
        "Le formulaire est daté du 26/06/2017.",
        "26/06/2017=2017-06-26",
    );
    check(Lang::Fr, d, "La ville est tombée en juin 2014.", "juin 2014=2014-06");
    check(
        Lang::Fr,
        d,
        "Le défilé du 14-Juillet aura lieu à Lyon.",
        "14-Juillet=2017-07-14",
    );
    check(
        Lang::Fr,
        d,
        "Le festival est né dans les années 1990, puis a grandi dans les années 70.",
        "dans les années 1990=1990 | dans les années 70=1970",
    );
    check(
        Lang::Fr,
        d,
        "Les travaux reprendront à la mi-août et fin septembre.",
        "à la mi-août=2017-08 | fin septembre=2017-09",
    );
    check(
        Lang::Fr,
        d,
        "Les ventes ont progressé au premier semestre et au deuxième trimestre 2016.",
        "premier semestre=2017 | deuxième trimestre 2016=2016",
    );
    check(Lang::Fr, d, "Le chantier sera fini début 2020.", "début 2020=2020");
    check(
        Lang::Fr,
        d,
        "Le texte a été voté en juin dernier.",
        "juin dernier=2016-06~",
    );
}

#[test]
fn french_relative_dates() {
    let d = Some("2017-06-27"); // un mardi
    check(
        Lang::Fr,
        d,
        "Aujourd'hui, hier et avant-hier, puis demain.",
        "Aujourd'hui=2017-06-27~ | hier=2017-06-26~ | avant-hier=2017-06-25~ | demain=2017-06-28~",
    );
    check(
        Lang::Fr,
        d,
        "La manifestation a eu lieu dimanche.",
        "dimanche=2017-06-25~",
    );
    check(
        Lang::Fr,
        d,
        "Le préfet a parlé lundi dernier.",
        "lundi dernier=2017-06-26~",
    );
    check(
        Lang::Fr,
        d,
        "Le match se jouera samedi prochain.",
        "samedi prochain=2017-07-08~",
    );
    check(Lang::Fr, d, "Le conseil votera vendredi.", "vendredi=2017-06-30~");
    check(
        Lang::Fr,
        d,
        "La crue date de la semaine dernière.",
        "la semaine dernière=2017-06-19~",
    );
    check(
        Lang::Fr,
        d,
        "L'incendie s'est déclaré il y a trois jours.",
        "il y a trois jours=2017-06-24~",
    );
    check(
        Lang::Fr,
        d,
        "Le verdict tombera dans deux semaines.",
        "dans deux semaines=2017-07-11~",
    );
    check(
        Lang::Fr,
        d,
        "Les élus ont voté le 20 juin. Le lendemain, le préfet a signé.",
        "20 juin=2017-06-20 | Le lendemain=2017-06-21~",
    );
    check(
        Lang::Fr,
        d,
        "Les prix ont baissé l'an dernier et le mois dernier.",
        "l'an dernier=2016~ | le mois dernier=2017-05~",
    );
}

#[test]
fn french_false_dates() {
    let d = Some("2017-06-27");
    check(Lang::Fr, d, "La sonde a atteint Mars. Avril Lavigne a chanté.", "");
    check(
        Lang::Fr,
        d,
        "Le siège dure depuis un an, soit huit mois de combats.",
        "",
    );
    check(
        Lang::Fr,
        d,
        "À 7h07, le score était de 3-1 et 1 400 personnes sont parties.",
        "",
    );
    check(
        Lang::Fr,
        d,
        "Le samedi, le marché est ouvert. Le Mardi gras approche.",
        "",
    );
    check(Lang::Fr, d, "Ils étaient sept. Le JO-2024 et 2000 personnes.", "");
}

#[test]
fn no_reference_date_leaves_relative_dates_unresolved() {
    check(
        Lang::En,
        None,
        "The vote was yesterday, on June 26, and on 3 May 2017.",
        "yesterday=null~ | June 26=null | 3 May 2017=2017-05-03",
    );
    check(Lang::Fr, None, "Dimanche, en 2014.", "Dimanche=null~ | 2014=2014");
}

#[test]
fn hover_and_inlay_hints_are_localised() {
    let a = run("La manifestation a eu lieu dimanche.", Lang::Fr, Some("2017-06-26"));
    let hints = crate::analysis::outline::inlay_hints(&a);
    assert_eq!(hints.len(), 1);
    assert_eq!(hints[0].label, " → 25 juin 2017");
    let at = a.doc.text.find("dimanche").unwrap();
    let h = crate::analysis::hover::hover(&a, at + 2).expect("a hover");
    assert!(
        h.markdown.contains("**dimanche 25 juin 2017** `2017-06-25`"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("1 jour avant la date de l'article (26 juin 2017)"),
        "{}",
        h.markdown
    );
    let a = run("The vote was on Sunday, three days ago.", Lang::En, Some("2017-06-28"));
    let at = a.doc.text.find("Sunday").unwrap();
    let h = crate::analysis::hover::hover(&a, at).expect("a hover");
    assert!(h.markdown.contains("**Sunday, 25 June 2017**"), "{}", h.markdown);
    assert!(
        h.markdown.contains("3 days before the article's date (28 June 2017)"),
        "{}",
        h.markdown
    );
}

#[test]
fn mixed_sentences() {
    let d = Some("2017-06-27");
    check(
        Lang::En,
        d,
        "The company, founded in 1998, hired 2,500 people in March and will expand in September.",
        "1998=1998 | March=2017-03 | September=2017-09",
    );
    check(
        Lang::En,
        d,
        "On Monday night, police said the suspect, 34, was arrested last Thursday in Ohio.",
        "Monday=2017-06-26~ | last Thursday=2017-06-22~",
    );
    check(
        Lang::En,
        d,
        "The 2016 election and the 2020-21 season were covered by the Sunday Times.",
        "2016=2016 | 2020=2020",
    );
    check(
        Lang::En,
        d,
        "A week earlier, on 12 June, the mayor had warned that the first half of 2018 would be hard.",
        "A week earlier=2017-06-20~ | 12 June=2017-06-12 | the first half of 2018=2018",
    );
    check(
        Lang::En,
        d,
        "Since 2015, the group has met every Sunday, and this year it plans a tour in the fall.",
        "2015=2015 | this year=2017~",
    );
    check(
        Lang::En,
        d,
        "Mr. May told the BBC in an interview aired on Sunday that he would stand down after 9/11.",
        "Sunday=2017-06-25~ | 9/11=2001-09-11",
    );
    check(
        Lang::Fr,
        d,
        "Samedi soir, 3 000 personnes ont défilé. Le 8 mai 1945 reste une date clé.",
        "Samedi=2017-06-24~ | 8 mai 1945=1945-05-08",
    );
    check(
        Lang::Fr,
        d,
        "Vendredi 30 juin, la ministre a annoncé qu'elle partirait en septembre prochain.",
        "Vendredi 30 juin=2017-06-30 | septembre prochain=2017-09~",
    );
    check(
        Lang::Fr,
        d,
        "Le 11-Septembre a changé le monde. Mars et Vénus brillent ce soir.",
        "11-Septembre=2001-09-11 | ce soir=2017-06-27~",
    );
    check(
        Lang::Fr,
        d,
        "Il a 45 ans. Le 24 heures du Mans. La 2e mi-temps a duré 48 minutes.",
        "",
    );
}

#[test]
fn wire_style_abbreviations_and_vague_counts() {
    let d = Some("2019-11-19");
    check(
        Lang::En,
        d,
        "WASHINGTON, Nov 18 (Wire) - The agency spoke on Sept 3 and in Nov.",
        "Nov 18=2019-11-18 | Sept 3=2019-09-03",
    );
    check(
        Lang::En,
        d,
        "The firm collapsed a few days ago. The same day, shares fell.",
        "a few days ago=2019-11-16~ | The same day=2019-11-16~",
    );
    check(
        Lang::Fr,
        d,
        "Le 3 janv 2019, puis il y a quelques jours, et en fin d'année.",
        "3 janv 2019=2019-01-03 | il y a quelques jours=2019-11-16~ | en fin d'année=2019~",
    );
}

#[test]
fn hyphenated_french_days_and_ranges() {
    let d = Some("2024-03-14");
    check(
        Lang::Fr,
        d,
        "Le 8-Mars, 30 000 personnes ont défilé. Le 1er-Mai aussi.",
        "8-Mars=2024-03-08 | 1er-Mai=2024-05-01",
    );
    check(
        Lang::En,
        d,
        "Between 2010 and 2015, output doubled, then fell to 1,045 tonnes.",
        "2010=2010 | 2015=2015",
    );
    check(
        Lang::En,
        d,
        "The trial, which began Monday, will last until the end of April or early May.",
        "Monday=2024-03-11~ | the end of April=2024-04 | early May=2024-05",
    );
}

#[test]
fn numbers_that_are_not_years() {
    let d = Some("2024-03-14");
    check(
        Lang::En,
        d,
        "He won the 1500m race at 1900 GMT; No. 2020 on the list, flight AF 1954, EUR 2000.",
        "",
    );
    check(
        Lang::En,
        d,
        "The talks resumed on 2019-11-18T10:00 and the 2018 model sold 2019 units.",
        "2019-11-18=2019-11-18 | 2018=2018",
    );
    check(
        Lang::Fr,
        d,
        "La ligne 2000 reste fermée ; l'article 1240 du code ; le bilan : 2023 morts.",
        "",
    );
    check(
        Lang::Fr,
        d,
        "Il a couru en 2019, puis courant juillet et la nuit dernière.",
        "2019=2019 | courant juillet=2024-07 | la nuit dernière=2024-03-13~",
    );
}

#[test]
fn past_tense_moves_a_later_month_to_the_year_before() {
    let d = Some("2018-03-10");
    check(
        Lang::En,
        d,
        "The plant was closed in August after a fire.",
        "August=2017-08",
    );
    check(
        Lang::En,
        d,
        "The plant is expected to be closed in August.",
        "August=2018-08",
    );
    check(
        Lang::Fr,
        d,
        "Les travaux ont repris à la mi-août, a dit le maire.",
        "à la mi-août=2017-08",
    );
    check(Lang::Fr, d, "L'ouverture est attendue en août.", "août=2018-08");
    check(
        Lang::Fr,
        d,
        "Le décret a été publié le 3 février.",
        "3 février=2018-02-03",
    );
}

#[test]
fn dashes_and_emoji_do_not_break_offsets() {
    check(
        Lang::En,
        Some("2024-03-14"),
        "The 2019–Present era 😀 began in 2019–2020 ⟶ Monday.",
        "2019=2019 | 2020=2020 | Monday=2024-03-11~",
    );
}
