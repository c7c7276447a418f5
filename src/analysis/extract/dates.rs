//! Dates: absolute, partial and relative, normalised against the article's date.

use chrono::NaiveDate;

use crate::analysis::document::Document;
use crate::config::Config;
use crate::text::Span;

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
}

/// One date the article states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// `None` when a relative date cannot be resolved (no article date).
    pub value: Option<DateValue>,
    pub relative: bool,
}

/// Finds the article's dates; relative ones resolve against `reference`.
pub fn extract(_doc: &Document, _config: &Config, _reference: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}
