//! from_proto and to_proto: LSP types on one side, the core's byte spans on the other. Every
//! position goes through [`LineIndex`] (built once per analysed version) or, for edits on the
//! rope, through [`super::documents`]; nothing here counts columns itself.

use tower_lsp_server::ls_types as lsp;

use crate::analysis::outline::{self, SymbolKind};
use crate::analysis::{Finding, Severity, hover};
use crate::text::{Encoding, LineCol, LineIndex, Span};

use super::documents::Change;

/// The name diagnostics carry as their `source`.
pub const SOURCE: &str = "copydesk";

/// Picks the position encoding: UTF-8, then UTF-32, only when the client offers them; UTF-16
/// otherwise (the protocol's default, the only one some clients accept).
pub fn negotiate_encoding(params: &lsp::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    if offered.contains(&lsp::PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if offered.contains(&lsp::PositionEncodingKind::UTF32) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

pub fn encoding_kind(enc: Encoding) -> lsp::PositionEncodingKind {
    match enc {
        Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        Encoding::Utf32 => lsp::PositionEncodingKind::UTF32,
    }
}

pub fn line_col(p: lsp::Position) -> LineCol {
    LineCol {
        line: p.line,
        col: p.character,
    }
}

/// One `didChange` content change.
pub fn change(c: lsp::TextDocumentContentChangeEvent) -> Change {
    Change {
        range: c.range.map(|r| (line_col(r.start), line_col(r.end))),
        text: c.text,
    }
}

/// Positions of one analysed text version.
#[derive(Clone, Copy)]
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub enc: Encoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index.position(self.text, offset, self.enc);
        lsp::Position::new(p.line, p.col)
    }

    pub fn range(&self, span: Span) -> lsp::Range {
        lsp::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position (clamped: past the end is the end).
    pub fn offset(&self, p: lsp::Position) -> usize {
        self.index.offset(self.text, line_col(p), self.enc).0
    }

    pub fn span(&self, r: lsp::Range) -> Span {
        let (a, b) = (self.offset(r.start), self.offset(r.end));
        Span::new(a.min(b), a.max(b))
    }
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A finding as a diagnostic; a whole-file finding sits at the very start.
pub fn diagnostic(pos: Positions<'_>, uri: &lsp::Uri, f: &Finding) -> lsp::Diagnostic {
    let related = f
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), pos.range(r.span)),
            message: r.message.clone(),
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        range: pos.range(f.span.unwrap_or_default()),
        severity: Some(severity(f.severity)),
        code: Some(lsp::NumberOrString::String(f.code.to_owned())),
        source: Some(SOURCE.to_owned()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

pub fn hover(pos: Positions<'_>, h: hover::Hover) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(pos.range(h.span)),
    }
}

fn symbol_kind(k: SymbolKind) -> lsp::SymbolKind {
    match k {
        SymbolKind::Source | SymbolKind::Person => lsp::SymbolKind::CLASS,
        SymbolKind::Quote => lsp::SymbolKind::STRING,
        SymbolKind::Organization => lsp::SymbolKind::NAMESPACE,
        SymbolKind::Place => lsp::SymbolKind::OBJECT,
        SymbolKind::Other => lsp::SymbolKind::KEY,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct literal.
pub fn symbol(pos: Positions<'_>, s: &outline::Symbol) -> lsp::DocumentSymbol {
    let children: Vec<_> = s.children.iter().map(|c| symbol(pos, c)).collect();
    lsp::DocumentSymbol {
        name: if s.name.trim().is_empty() {
            "…".to_owned()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: pos.range(s.span),
        selection_range: pos.range(s.selection),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn inlay_hint(pos: Positions<'_>, h: &outline::InlayHint) -> lsp::InlayHint {
    lsp::InlayHint {
        position: pos.position(h.offset),
        label: lsp::InlayHintLabel::String(h.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: None,
        padding_left: None,
        padding_right: None,
        data: None,
    }
}

pub fn text_edit(pos: Positions<'_>, span: Span, new_text: impl Into<String>) -> lsp::TextEdit {
    lsp::TextEdit::new(pos.range(span), new_text.into())
}

/// One document's edits as a workspace edit.
pub fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit::new([(uri.clone(), edits)].into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Related;

    #[test]
    fn diagnostics_carry_code_source_and_related_locations_in_utf16() {
        let text = "« Été » 😀 the the\nend";
        let index = LineIndex::new(text);
        let pos = Positions {
            text,
            index: &index,
            enc: Encoding::Utf16,
        };
        let start = text.find("the").unwrap();
        let f = Finding {
            related: vec![Related {
                span: Span::new(0, 2),
                message: "first stated here".into(),
            }],
            ..Finding::new(
                "text.doubled-word",
                Span::new(start, start + 7),
                Severity::Warning,
                "twice",
            )
        };
        let uri: lsp::Uri = "file:///tmp/a.md".parse().unwrap();
        let d = diagnostic(pos, &uri, &f);
        // « Été » is 7 UTF-16 units, then a space, the emoji (2) and a space.
        assert_eq!(
            d.range,
            lsp::Range::new(lsp::Position::new(0, 11), lsp::Position::new(0, 18))
        );
        assert_eq!(d.code, Some(lsp::NumberOrString::String("text.doubled-word".into())));
        assert_eq!(d.source.as_deref(), Some(SOURCE));
        let rel = d.related_information.unwrap();
        assert_eq!(rel[0].location.range.end, lsp::Position::new(0, 1));
        assert_eq!(pos.offset(lsp::Position::new(0, 11)), start);
        assert_eq!(
            pos.offset(lsp::Position::new(9, 0)),
            text.len(),
            "past the end is the end"
        );
    }

    #[test]
    fn encoding_is_picked_only_from_what_the_client_offers() {
        let mut p = lsp::InitializeParams::default();
        assert_eq!(negotiate_encoding(&p), Encoding::Utf16);
        p.capabilities.general = Some(lsp::GeneralClientCapabilities {
            position_encodings: Some(vec![lsp::PositionEncodingKind::UTF32, lsp::PositionEncodingKind::UTF16]),
            ..Default::default()
        });
        assert_eq!(negotiate_encoding(&p), Encoding::Utf32);
        p.capabilities.general.as_mut().unwrap().position_encodings =
            Some(vec![lsp::PositionEncodingKind::UTF16, lsp::PositionEncodingKind::UTF8]);
        assert_eq!(negotiate_encoding(&p), Encoding::Utf8);
    }
}
