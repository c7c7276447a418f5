//! Quotations and who is credited with them.
//!
//! [`marks`] finds the quotations (marks, dialogue dashes, Q&A labels, block quotes) and the
//! marks that do not pair; [`source`] tells direct and partial quotes from scare quotes and finds
//! the cue and the speaker of each.

mod marks;
mod source;
#[cfg(test)]
mod tests;

pub use marks::Unpaired;

use crate::analysis::document::Document;
use crate::config::Config;
use crate::text::Span;

use super::Entity;

/// What a quotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// A quoted clause or sentence.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// A term, a title, a nickname, irony: nobody is being quoted.
    Scare,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// Who a quotation is credited to, as the article names them at the cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The words naming the source at the cue ("il", "a police spokeswoman", "Macron").
    pub span: Span,
    /// The resolved source: a pronoun's antecedent, a surname's full name.
    pub name: String,
}

/// The words that credit a quotation ("a-t-il estimé", "she said", "according to").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub span: Span,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The content between the marks, marks excluded.
    pub span: Span,
    /// The opening mark (or dialogue dash), when there is one.
    pub open: Option<Span>,
    /// The closing mark, when there is one.
    pub close: Option<Span>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
    /// Does the article say who said it (nearby, or by a continuation)?
    pub attributed: bool,
    /// The quotation this one is nested in (an index into the same list).
    pub parent: Option<usize>,
    /// In a headline or a title line (its source is given in the story, not beside it).
    pub in_title: bool,
}

/// Finds the article's quotations.
pub fn extract(doc: &Document, config: &Config, entities: &[Entity]) -> Vec<Quote> {
    let (raw, _) = marks::scan(doc);
    source::attribute(doc, config, entities, &raw)
}

/// Quotation marks that do not pair: an opening mark never closed, a closing mark never opened.
/// Apostrophes and single marks are never reported (they cannot be told apart reliably).
pub fn unpaired(doc: &Document) -> Vec<Unpaired> {
    marks::scan(doc).1
}
