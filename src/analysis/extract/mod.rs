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
    // Dates need nothing else; quotes and figures read the entities. Independent extractors run
    // side by side on the cores there are (the CLI's per-file parallelism nests in the same pool).
    let ((entities, quotes, figures), dates) = rayon::join(
        || {
            let mut entities = super::guard("extract.entities", || entities::extract(doc, config)).unwrap_or_default();
            for e in &mut entities {
                e.name = squash_spaces(&e.name);
            }
            let (mut quotes, figures) = rayon::join(
                || super::guard("extract.quotes", || quotes::extract(doc, config, &entities)).unwrap_or_default(),
                || super::guard("extract.figures", || figures::extract(doc, config, &entities)).unwrap_or_default(),
            );
            for s in quotes.iter_mut().filter_map(|q| q.speaker.as_mut()) {
                s.name = squash_spaces(&s.name);
            }
            (entities, quotes, figures)
        },
        || super::guard("extract.dates", || dates::extract(doc, config, reference)).unwrap_or_default(),
    );
    Facts {
        quotes,
        dates,
        figures,
        entities,
    }
}

/// A name as a reader says it: a line break or a run of spaces inside it (hard-wrapped Markdown,
/// no-break spaces) is one space.
pub(crate) fn squash_spaces(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Input, analyze};
    use crate::config::Config;
    use crate::markup::Format;

    #[test]
    fn a_name_wrapped_across_lines_is_one_name() {
        let text =
            "« Nous avons eu peur », a raconté Lucie\nFerrandi, 52 ans, institutrice.\n\nLucie Ferrandi est rentrée.\n";
        let config = Config::cli_default();
        let a = analyze(Input::new(text, Format::Markdown, &config));
        let speaker = a.facts.quotes[0].speaker.as_ref().expect("a speaker");
        assert_eq!(speaker.name, "Lucie Ferrandi");
        let e = a
            .facts
            .entities
            .iter()
            .find(|e| e.name == "Lucie Ferrandi")
            .expect("one entity");
        assert_eq!(e.mentions.len(), 2);
    }
}
