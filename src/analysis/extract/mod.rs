//! What the article states: quotations, dates, figures and names. Extracted once per analysis,
//! shared by the checks and by the editor features (hover, symbols, inlay hints).

pub mod dates;
pub mod entities;
pub mod figures;
pub mod quotes;

pub use dates::{DateMention, DateValue, Form, Precision};
pub use entities::{Entity, EntityType, Mention};
pub use figures::Figure;
pub use quotes::{Cue, Quote, QuoteKind, Speaker};

use chrono::NaiveDate;

use super::document::Document;
use crate::config::Config;

/// Everything extracted from one article.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub figures: Vec<Figure>,
    pub entities: Vec<Entity>,
}

/// Runs every extractor in dependency order (names first: quotes and ages refer to them).
pub fn extract(doc: &Document, config: &Config, reference: Option<NaiveDate>) -> Facts {
    let entities = super::guard("extract.entities", || entities::extract(doc, config)).unwrap_or_default();
    let quotes = super::guard("extract.quotes", || quotes::extract(doc, config, &entities)).unwrap_or_default();
    let dates = super::guard("extract.dates", || dates::extract(doc, config, reference)).unwrap_or_default();
    let figures = super::guard("extract.figures", || figures::extract(doc, config, &entities)).unwrap_or_default();
    Facts {
        quotes,
        dates,
        figures,
        entities,
    }
}
