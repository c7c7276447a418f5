//! The rules: one file each (documentation, implementation, tests) and one registry, [`RULES`].
//!
//! A rule reads the segmented [`Document`] and the extracted [`Facts`] and returns findings with
//! its default severity; [`crate::analysis::analyze`] then applies the configuration (severity
//! overrides, `ignore`, rules switched off) and in-file suppressions.

mod date_inconsistent;
mod date_invalid;
mod date_missing_reference;
mod date_weekday_mismatch;
mod entity_acronym_undefined;
mod entity_spelling;
mod entity_workspace_spelling;
mod figure_inconsistent;
mod figure_percent_sum;
mod figure_style;
mod quote_unattributed;
mod quote_unbalanced;
mod text_doubled_word;
mod text_repeated;

#[cfg(test)]
pub(crate) mod test_support;

use chrono::NaiveDate;

use super::{Document, Facts, Finding, Severity};
use crate::config::Config;
use crate::lang::Lang;

/// What a rule sees.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub facts: &'a Facts,
    pub config: &'a Config,
    /// The article's date, when known.
    pub reference: Option<NaiveDate>,
    /// The language to write messages in.
    pub messages: Lang,
}

impl Context<'_> {
    /// The message in the configured language.
    pub fn say(&self, en: impl Into<String>, fr: impl Into<String>) -> String {
        match self.messages {
            Lang::En => en.into(),
            Lang::Fr => fr.into(),
        }
    }
}

/// One rule.
pub struct Rule {
    /// The stable code (`text.repeated`).
    pub code: &'static str,
    /// One line, English.
    pub summary: &'static str,
    /// One line, French.
    pub summary_fr: &'static str,
    /// Markdown: what it does, why it matters, an example.
    pub doc: &'static str,
    pub default_severity: Severity,
    /// Rules off by default (house style) run only when the configuration names them.
    pub default_on: bool,
    pub check: fn(&Context<'_>) -> Vec<Finding>,
}

/// Every rule, in the order `copydesk rules` lists them (the contract's order).
pub static RULES: &[&Rule] = &[
    &quote_unattributed::RULE,
    &quote_unbalanced::RULE,
    &date_weekday_mismatch::RULE,
    &date_invalid::RULE,
    &date_inconsistent::RULE,
    &date_missing_reference::RULE,
    &figure_inconsistent::RULE,
    &figure_percent_sum::RULE,
    &figure_style::RULE,
    &entity_spelling::RULE,
    &entity_workspace_spelling::RULE,
    &entity_acronym_undefined::RULE,
    &text_repeated::RULE,
    &text_doubled_word::RULE,
];

/// Looks a rule up by code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "{} registered twice", r.code);
            assert!(r.code.contains('.') && r.code == r.code.to_lowercase(), "{}", r.code);
            for section in ["What it does", "Why it matters", "Example"] {
                assert!(r.doc.contains(section), "{} doc lacks '{section}'", r.code);
            }
            assert!(!r.summary.is_empty() && !r.summary_fr.is_empty(), "{}", r.code);
        }
    }

    #[test]
    fn readme_lists_every_rule() {
        let readme = include_str!("../../../README.md");
        for r in RULES {
            assert!(
                readme.contains(&format!("`{}`", r.code)),
                "README lacks a row for {}",
                r.code
            );
        }
    }
}
