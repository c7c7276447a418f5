//! The article's outline for editors: document symbols, inlay hints, and the status-bar counts.

use super::Analysis;
use super::extract::{EntityType, QuoteKind};
use crate::text::Span;

/// What a symbol is, mapped to an LSP symbol kind at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// A source of quotes (a person, or a description such as "a police spokeswoman").
    Source,
    Quote,
    Person,
    Organization,
    Place,
    Other,
}

/// One entry of the outline, with its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole thing.
    pub span: Span,
    /// The part to select (a name, a quote's content).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// Document symbols: the article's names grouped by type, then its sources with their quotes.
pub fn symbols(a: &Analysis) -> Vec<Symbol> {
    let mut out = Vec::new();
    for e in &a.facts.entities {
        let Some(first) = e.mentions.first() else { continue };
        let kind = match e.kind {
            EntityType::Person => SymbolKind::Person,
            EntityType::Organization => SymbolKind::Organization,
            EntityType::Place => SymbolKind::Place,
            EntityType::Other => SymbolKind::Other,
        };
        out.push(Symbol {
            name: e.name.clone(),
            detail: Some(format!("{} ×{}", e.kind.as_str(), e.mentions.len())),
            kind,
            span: first.span,
            selection: first.span,
            children: Vec::new(),
        });
    }
    let mut sources: Vec<Symbol> = Vec::new();
    for q in a.facts.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
        let content = a.doc.slice(q.span);
        let short: String = content.chars().take(60).collect();
        let quote = Symbol {
            name: if short.len() < content.len() {
                format!("{short}…")
            } else {
                short
            },
            detail: Some(q.kind.as_str().to_owned()),
            kind: SymbolKind::Quote,
            span: q.span,
            selection: q.span,
            children: Vec::new(),
        };
        let source = q.speaker.as_ref().map_or_else(
            || a.messages.pick("(no source)", "(sans source)").to_owned(),
            |s| s.name.clone(),
        );
        match sources.iter_mut().find(|s| s.name == source) {
            Some(s) => {
                s.span = Span::new(s.span.start.min(q.span.start), s.span.end.max(q.span.end));
                s.children.push(quote);
            }
            None => sources.push(Symbol {
                name: source,
                detail: None,
                kind: SymbolKind::Source,
                span: q.span,
                selection: q.span,
                children: vec![quote],
            }),
        }
    }
    out.extend(sources);
    out.sort_by_key(|s| s.span.start);
    out
}

/// An inlay hint: a label shown after a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
}

/// Inlay hints: the absolute date after each resolved relative date.
pub fn inlay_hints(a: &Analysis) -> Vec<InlayHint> {
    a.facts
        .dates
        .iter()
        .filter(|d| d.relative)
        .filter_map(|d| {
            Some(InlayHint {
                offset: d.span.end,
                label: format!(" → {}", super::extract::dates::describe(&d.value?, a.messages)),
            })
        })
        .collect()
}

/// The counts a status bar shows (`copydesk/stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    pub quotes: usize,
    pub sources: usize,
    pub unattributed: usize,
    pub dates: usize,
    pub figures: usize,
    pub names: usize,
}

pub fn stats(a: &Analysis) -> Stats {
    let real: Vec<_> = a.facts.quotes.iter().filter(|q| q.kind != QuoteKind::Scare).collect();
    let mut sources: Vec<&str> = real
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    Stats {
        quotes: real.len(),
        sources: sources.len(),
        unattributed: real.iter().filter(|q| !q.attributed).count(),
        dates: a.facts.dates.len(),
        figures: a.facts.figures.len(),
        names: a.facts.entities.len(),
    }
}
