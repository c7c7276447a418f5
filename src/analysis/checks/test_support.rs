//! The one helper rule tests go through: text with expected ranges marked under it.
//!
//! ```text
//! He saw the the dog.
//!        ^^^^^^^ text.doubled-word
//! ```
//! A marker line (only spaces, then carets, then a code) underlines the line above it, counting
//! columns in characters. Marker lines are removed before analysis.

use chrono::NaiveDate;

use crate::analysis::{Analysis, Input, analyze};
use crate::config::Config;
use crate::lang::Lang;
use crate::markup::Format;
use crate::text::Span;

/// Splits marked-up text into the article and its expected (code, span) pairs.
pub fn parse_marked(marked: &str) -> (String, Vec<(String, Span)>) {
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut last_line_start = 0;
    for line in marked.split_inclusive('\n') {
        let t = line.trim_end_matches('\n');
        let trimmed = t.trim_start();
        if trimmed.starts_with('^') {
            let lead = t.chars().take_while(|c| *c == ' ').count();
            let carets = trimmed.chars().take_while(|c| *c == '^').count();
            let code = trimmed[carets..].trim().to_owned();
            let above = &text[last_line_start..];
            let byte_at = |col: usize| {
                above
                    .char_indices()
                    .nth(col)
                    .map_or(above.trim_end_matches('\n').len(), |(i, _)| i)
            };
            let span = Span::new(
                last_line_start + byte_at(lead),
                last_line_start + byte_at(lead + carets),
            );
            expected.push((code, span));
            continue;
        }
        last_line_start = text.len();
        text.push_str(line);
    }
    (text, expected)
}

/// Analyses `text` as plain text in `lang`, dated `date` when given.
pub fn run(text: &str, lang: Lang, date: Option<&str>) -> Analysis {
    let config = Config::cli_default();
    let mut input = Input::new(text, Format::PlainText, &config);
    input.lang = Some(lang);
    input.date = date.and_then(crate::config::parse_date);
    analyze(input)
}

/// Asserts that the findings of `code` are exactly the marked ones.
pub fn check_rule(code: &str, lang: Lang, date: Option<&str>, marked: &str) {
    let (text, expected) = parse_marked(marked);
    let analysis = run(&text, lang, date);
    let got: Vec<(String, Span)> = analysis
        .findings
        .iter()
        .filter(|f| f.code == code)
        .filter_map(|f| Some((f.code.to_owned(), f.span?)))
        .collect();
    let expected: Vec<_> = expected.into_iter().filter(|(c, _)| c == code).collect();
    let show = |v: &[(String, Span)]| {
        v.iter()
            .map(|(c, s)| format!("{c} {:?} «{}»", s.range(), s.text(&text)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(show(&got), show(&expected), "\nin:\n{text}");
}

#[allow(dead_code)]
pub fn date(s: &str) -> NaiveDate {
    crate::config::parse_date(s).expect("a test date")
}
