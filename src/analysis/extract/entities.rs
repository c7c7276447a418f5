//! Names: people, organisations and places, with their mentions grouped.

use crate::analysis::document::Document;
use crate::config::Config;
use crate::text::Span;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
            EntityType::Other => "other",
        }
    }
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
}

/// One person, organisation or place, with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// A stable slug of the canonical name (`etat-islamique`).
    pub id: String,
    /// The canonical name (the fullest form the article uses, or the knowledge base's).
    pub name: String,
    pub kind: EntityType,
    pub mentions: Vec<Mention>,
}

/// Finds the article's names.
pub fn extract(_doc: &Document, _config: &Config) -> Vec<Entity> {
    Vec::new()
}
