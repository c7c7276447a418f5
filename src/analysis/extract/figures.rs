//! Figures: numbers with what they count.

use crate::analysis::document::Document;
use crate::config::Config;
use crate::text::Span;

use super::Entity;

/// One number the article states.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub value: f64,
    /// The upper bound of a range ("65 à 70 %").
    pub max: Option<f64>,
    /// `%`, `EUR`, `USD`, `years`…
    pub unit: Option<String>,
    /// about, more than, environ, plus de…
    pub approx: bool,
    /// What is counted (the noun phrase; for an age, the person).
    pub counts: Option<String>,
}

/// Finds the article's figures.
pub fn extract(_doc: &Document, _config: &Config, _entities: &[Entity]) -> Vec<Figure> {
    Vec::new()
}
