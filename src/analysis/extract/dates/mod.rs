//! Dates: absolute, partial and relative, normalised against the article's date.
//!
//! [`extract`] scans each prose block with the language's [`grammar`] (patterns built from the
//! word lists `months`, `weekdays`, `date_relative`, `date_holidays`, `date_numbers`,
//! `date_future`), keeps the longest of overlapping readings, then resolves each one against the
//! article's date with the rules of [`calendar`]: a bare weekday is the most recent such day on or
//! before the article's date (the coming one in a clause in the future tense), a date without a
//! year takes the article's year unless that puts it far in the future while the year before puts
//! it in the recent past ("Dec 30" in an article dated 2 January). Without an article date,
//! relative dates and dates without a year keep `value: None`: nothing is guessed.
//! Durations ("eight months", "depuis un an") are not dates.

mod calendar;
mod grammar;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate, Weekday};
use rayon::prelude::*;

use crate::analysis::document::Document;
use crate::config::Config;
use crate::lang::{self, Lang};
use crate::text::Span;

pub use calendar::days_in_month;

/// How much of a date the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
}

/// A normalised date: the first day of the period it names, and how precise it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl DateValue {
    /// The ISO prefix of the contract: `YYYY-MM-DD` (day, week), `YYYY-MM` (month), `YYYY`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => self.date.format("%Y-%m-%d").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Quarter | Precision::Year | Precision::Decade => self.date.format("%Y").to_string(),
        }
    }

    pub fn day(date: NaiveDate) -> DateValue {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }
}

/// The calendar fields the text itself writes, before any inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stated {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// One date the article states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// `None` when a relative date cannot be resolved (no article date), or when the date does not
    /// exist ("31 June": see [`DateMention::stated`]).
    pub value: Option<DateValue>,
    pub relative: bool,
    /// The weekday written with a calendar date ("Monday, June 26", "mardi 4"), and where.
    pub weekday: Option<(Weekday, Span)>,
    /// What the text writes of the date (day, month, year), for calendar dates.
    pub stated: Stated,
    /// The year (or month, for "mardi 4") was not written: it comes from the article's date.
    pub inferred: bool,
    pub form: Form,
}

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A day or month of the calendar ("26 June 2017", "mardi 4", "mid-June", "juin dernier").
    Calendar,
    /// A bare weekday ("Sunday", "lundi dernier").
    Weekday,
    /// A day counted from the article's date or the previous date ("yesterday", "le lendemain",
    /// "three days ago").
    RelativeDay,
    /// Another relative expression ("last week", "l'an dernier", "two months later").
    Relative,
    /// A year, decade, quarter or half.
    Period,
    /// A named day ("Christmas", "Labor Day").
    Named,
}

/// Finds the article's dates; relative ones resolve against `reference`.
pub fn extract(doc: &Document, _config: &Config, reference: Option<NaiveDate>) -> Vec<DateMention> {
    let grammar = grammar::Grammar::get(doc.lang);
    let day_first = grammar.day_first(doc);
    // Blocks are scanned side by side; collecting keeps them in text order.
    let found: Vec<_> = doc
        .blocks()
        .par_iter()
        .flat_map_iter(|block| {
            let mut found = Vec::new();
            grammar.scan(doc, block.span, day_first, &mut found);
            found
        })
        .collect();
    let found = grammar::keep_longest(found);
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    // The last value resolved so far: what "the next day" counts from.
    let mut anchor = None;
    for cand in found {
        let mention = calendar::resolve(cand, reference, anchor);
        anchor = mention.value.or(anchor);
        out.push(mention);
    }
    out
}

/// A weekday's name in a language, lowercase ("monday", "lundi").
pub fn weekday_name(wd: Weekday, lang: Lang) -> String {
    first_form(lang::weekdays(lang), wd.num_days_from_monday() as usize)
}

/// A month's name in a language, lowercase ("june", "juin"). `month` is 1 to 12.
pub fn month_name(month: u32, lang: Lang) -> String {
    first_form(lang::months(lang), month.saturating_sub(1) as usize)
}

fn first_form(list: &lang::WordList, i: usize) -> String {
    list.entries()
        .get(i)
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_default()
        .to_owned()
}

/// Capitalises the first letter ("monday" → "Monday").
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A day as each language writes it: "26 June 2017", "1er juillet 2017".
pub fn format_day(d: NaiveDate, lang: Lang) -> String {
    let month = month_name(d.month(), lang);
    match lang {
        Lang::En => format!("{} {} {}", d.day(), capitalize(&month), d.year()),
        Lang::Fr if d.day() == 1 => format!("1er {month} {}", d.year()),
        Lang::Fr => format!("{} {month} {}", d.day(), d.year()),
    }
}

/// A normalised date as each language writes it, at its precision: "25 juin 2017", "June 2017",
/// "Q2 2024", "les années 1990".
pub fn describe(v: &DateValue, lang: Lang) -> String {
    let d = v.date;
    match v.precision {
        Precision::Day => format_day(d, lang),
        Precision::Week => lang.pick(
            format!("week of {}", format_day(d, lang)),
            format!("semaine du {}", format_day(d, lang)),
        ),
        Precision::Month => {
            let m = month_name(d.month(), lang);
            match lang {
                Lang::En => format!("{} {}", capitalize(&m), d.year()),
                Lang::Fr => format!("{m} {}", d.year()),
            }
        }
        Precision::Quarter => {
            let q = d.month0() / 3 + 1;
            lang.pick(format!("Q{q} {}", d.year()), format!("{q}e trimestre {}", d.year()))
                .replace("1e trimestre", "1er trimestre")
        }
        Precision::Year => d.year().to_string(),
        Precision::Decade => lang.pick(format!("the {}s", d.year()), format!("les années {}", d.year())),
    }
}
