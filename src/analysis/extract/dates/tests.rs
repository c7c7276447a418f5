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
    check(Lang::Fr, Some("2017-06-26"), "Lundi 26 juin, les forces ont avancé. Dimanche, une attaque.", "Lundi 26 juin=2017-06-26 | Dimanche=2017-06-25~");
}
