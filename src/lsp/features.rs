//! The editor features over one analysed version: core results turned into LSP answers.
//! Each function is what one handler returns; the handlers only find the [`Analyzed`].

use serde_json::{Value, json};
use tower_lsp_server::ls_types as lsp;

use crate::analysis::{hover, outline};
use crate::markup::Format;
use crate::text::Span;

use super::convert;
use super::session::Analyzed;

pub fn hover(a: &Analyzed, pos: lsp::Position) -> Option<lsp::Hover> {
    let p = a.positions();
    hover::hover_in_workspace(&a.analysis, p.offset(pos), &a.workspace).map(|h| convert::hover(p, h))
}

/// Quick fixes for the findings touching `range`: each finding's fixes, then (Markdown only)
/// an in-file suppression for its line.
pub fn code_actions(a: &Analyzed, range: lsp::Range) -> Vec<lsp::CodeActionOrCommand> {
    let want = a.positions().span(range);
    let mut out = Vec::new();
    for (f, diag) in a.analysis.findings.iter().zip(&a.diagnostics) {
        let Some(s) = f.span.filter(|s| s.start <= want.end && want.start <= s.end) else {
            continue;
        };
        for (i, fix) in f.fixes.iter().enumerate() {
            // Snippet edits in code actions need LSP 3.18's SnippetTextEdit, which ls-types does
            // not model yet: every client gets the plain replacement.
            let edit = convert::text_edit(a.positions(), fix.span, fix.replacement.clone());
            out.push(quick_fix(a, fix.title.clone(), diag, vec![edit], i == 0));
        }
        if let Some(edit) = disable_next_line(a, f.code, s) {
            let title = a.analysis.messages.pick(
                format!("Disable {} for this line", f.code),
                format!("Désactiver {} pour cette ligne", f.code),
            );
            out.push(quick_fix(a, title, diag, vec![edit], false));
        }
    }
    out
}

fn quick_fix(
    a: &Analyzed,
    title: String,
    diag: &lsp::Diagnostic,
    edits: Vec<lsp::TextEdit>,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag.clone()]),
        edit: Some(convert::workspace_edit(&a.uri, edits)),
        is_preferred: preferred.then_some(true),
        ..lsp::CodeAction::default()
    })
}

/// `<!-- copydesk-disable-next-line CODE -->` just before the finding's line: on a line of its
/// own after a blank line or at the top, otherwise at the end of the line before (a comment
/// line inside a paragraph would start an HTML block and split the paragraph).
fn disable_next_line(a: &Analyzed, code: &str, span: Span) -> Option<lsp::TextEdit> {
    if a.format != Format::Markdown {
        return None;
    }
    let (text, index) = (a.text(), &a.index);
    let line = index.line_of(span.start);
    let this = index.line_span(text, line)?;
    let comment = format!("<!-- copydesk-disable-next-line {code} -->");
    let previous = line.checked_sub(1).and_then(|l| index.line_span(text, l));
    let edit = match previous {
        Some(prev) if !prev.text(text).trim().is_empty() => {
            convert::text_edit(a.positions(), Span::new(prev.end, prev.end), format!(" {comment}"))
        }
        _ => {
            let eol = if text[this.end..].starts_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            convert::text_edit(
                a.positions(),
                Span::new(this.start, this.start),
                format!("{comment}{eol}"),
            )
        }
    };
    Some(edit)
}

pub fn symbols(a: &Analyzed) -> Vec<lsp::DocumentSymbol> {
    outline::symbols(&a.analysis)
        .iter()
        .map(|s| convert::symbol(a.positions(), s))
        .collect()
}

pub fn inlay_hints(a: &Analyzed, range: lsp::Range) -> Vec<lsp::InlayHint> {
    let want = a.positions().span(range);
    outline::inlay_hints(&a.analysis)
        .iter()
        .filter(|h| want.touches(h.offset))
        .map(|h| convert::inlay_hint(a.positions(), h))
        .collect()
}

/// The mention under the cursor and every mention of the same entity.
fn mentions_at(a: &Analyzed, pos: lsp::Position) -> Option<(Span, Vec<Span>)> {
    let offset = a.positions().offset(pos);
    a.analysis.facts.entities.iter().find_map(|e| {
        let here = e.mentions.iter().find(|m| m.span.touches(offset))?.span;
        Some((here, e.mentions.iter().map(|m| m.span).collect()))
    })
}

pub fn references(a: &Analyzed, pos: lsp::Position) -> Vec<lsp::Location> {
    let spans = mentions_at(a, pos).map(|(_, all)| all).unwrap_or_default();
    spans
        .into_iter()
        .map(|s| lsp::Location::new(a.uri.clone(), a.positions().range(s)))
        .collect()
}

pub fn highlights(a: &Analyzed, pos: lsp::Position) -> Vec<lsp::DocumentHighlight> {
    let spans = mentions_at(a, pos).map(|(_, all)| all).unwrap_or_default();
    spans
        .into_iter()
        .map(|s| lsp::DocumentHighlight {
            range: a.positions().range(s),
            kind: Some(lsp::DocumentHighlightKind::TEXT),
        })
        .collect()
}

pub fn prepare_rename(a: &Analyzed, pos: lsp::Position) -> Option<lsp::PrepareRenameResponse> {
    let (here, _) = mentions_at(a, pos)?;
    Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range: a.positions().range(here),
        placeholder: here.text(a.text()).to_owned(),
    })
}

/// Renames the spelling under the cursor everywhere the entity is written that way (other
/// forms, such as an acronym or a surname alone, stay as they are).
pub fn rename(a: &Analyzed, pos: lsp::Position, new_name: &str) -> Option<lsp::WorkspaceEdit> {
    let (here, all) = mentions_at(a, pos)?;
    let spelling = here.text(a.text());
    let edits = all
        .into_iter()
        .filter(|s| s.text(a.text()) == spelling)
        .map(|s| convert::text_edit(a.positions(), s, new_name))
        .collect();
    Some(convert::workspace_edit(&a.uri, edits))
}

/// One lens on the first line: "N quotes from M sources, K without source".
pub fn code_lens(a: &Analyzed) -> Vec<lsp::CodeLens> {
    let s = outline::stats(&a.analysis);
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let title = a.analysis.messages.pick(
        format!(
            "{} from {}, {} without source",
            plural(s.quotes, "quote", "quotes"),
            plural(s.sources, "source", "sources"),
            s.unattributed
        ),
        format!(
            "{} de {}, {} sans source",
            plural(s.quotes, "citation", "citations"),
            plural(s.sources, "source", "sources"),
            s.unattributed
        ),
    );
    let command = lsp::Command::new(title, String::new(), None);
    vec![lsp::CodeLens {
        range: lsp::Range::default(),
        command: Some(command),
        data: None,
    }]
}

/// `copydesk/stats`.
pub fn stats(a: &Analyzed) -> Value {
    let s = outline::stats(&a.analysis);
    json!({
        "quotes": s.quotes, "sources": s.sources, "unattributed": s.unattributed,
        "dates": s.dates, "figures": s.figures, "names": s.names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::extract::{Entity, EntityType, Mention};
    use crate::lsp::documents::{Change, TextDocument};
    use crate::lsp::session::analyze_for_test;
    use crate::text::Encoding;

    const URI: &str = "file:///tmp/article.md";

    fn apply(text: &str, edits: &[lsp::TextEdit], enc: Encoding) -> String {
        let mut doc = TextDocument::new(text, 1);
        // Later edits first, so earlier positions stay valid.
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
        for e in edits {
            let change = Change {
                range: Some((convert::line_col(e.range.start), convert::line_col(e.range.end))),
                text: e.new_text,
            };
            doc.apply(&[change], 2, enc).unwrap();
        }
        doc.text()
    }

    fn actions(text: &str, enc: Encoding) -> Vec<lsp::CodeAction> {
        let a = analyze_for_test(URI, text, Format::Markdown, enc);
        let whole = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(99, 0));
        code_actions(&a, whole)
            .into_iter()
            .map(|c| match c {
                lsp::CodeActionOrCommand::CodeAction(a) => a,
                lsp::CodeActionOrCommand::Command(_) => panic!("commands are not used"),
            })
            .collect()
    }

    fn edits_of(action: &lsp::CodeAction) -> Vec<lsp::TextEdit> {
        let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
        changes.values().next().unwrap().clone()
    }

    fn doubled(text: &str) -> usize {
        let a = analyze_for_test(URI, text, Format::Markdown, Encoding::Utf16);
        a.analysis
            .findings
            .iter()
            .filter(|f| f.code == "text.doubled-word")
            .count()
    }

    #[test]
    fn the_fix_and_the_suppression_both_silence_a_doubled_word() {
        let text = "# Un « titre »\n\nLe ministre 😀 est venu\net et il est reparti.\n";
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let acts = actions(text, enc);
            let titles: Vec<_> = acts.iter().map(|a| a.title.as_str()).collect();
            assert_eq!(titles.len(), 2, "{titles:?}");
            assert_eq!(acts[0].is_preferred, Some(true));
            let fixed = apply(text, &edits_of(&acts[0]), enc);
            assert_eq!(fixed, "# Un « titre »\n\nLe ministre 😀 est venu\net il est reparti.\n");
            assert!(titles[1].contains("text.doubled-word"), "{titles:?}");
            let silenced = apply(text, &edits_of(&acts[1]), enc);
            assert_eq!(
                silenced,
                "# Un « titre »\n\nLe ministre 😀 est venu <!-- copydesk-disable-next-line text.doubled-word -->\net et il est reparti.\n",
                "{enc:?}: inside a paragraph the comment goes at the end of the line before"
            );
            assert_eq!(doubled(text), 1);
            assert_eq!(doubled(&silenced), 0);
        }
    }

    #[test]
    fn on_the_first_line_the_suppression_is_a_line_of_its_own_with_the_same_ending() {
        let text = "The the minister left.\r\nShe came back.\r\n";
        let acts = actions(text, Encoding::Utf16);
        let silenced = apply(text, &edits_of(&acts[1]), Encoding::Utf16);
        assert!(silenced.starts_with("<!-- copydesk-disable-next-line text.doubled-word -->\r\nThe the"));
        assert_eq!(doubled(&silenced), 0);
    }

    #[test]
    fn plain_text_gets_fixes_but_no_comment() {
        let a = analyze_for_test(
            "file:///tmp/a.txt",
            "It was the the end.",
            Format::PlainText,
            Encoding::Utf16,
        );
        let whole = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 99));
        assert_eq!(code_actions(&a, whole).len(), 1);
        let elsewhere = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 2));
        assert!(code_actions(&a, elsewhere).is_empty(), "only findings in the range");
    }

    #[test]
    fn references_highlights_and_rename_follow_an_entitys_mentions() {
        let text = "Mosoul est tombée. L'armée tient Mossoul. Mosoul respire.";
        let mut a = analyze_for_test(URI, text, Format::PlainText, Encoding::Utf16);
        let spans: Vec<Span> = ["Mosoul", "Mossoul"]
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(i, m)| Span::new(i, i + m.len())))
            .collect();
        // Only this entity: the test is about the LSP side, not about recognition.
        a.analysis.facts.entities.clear();
        a.analysis.facts.entities.push(Entity::new(
            "mossoul",
            "Mossoul",
            EntityType::Place,
            spans.iter().map(|&span| Mention::full(span)).collect(),
        ));
        let on_first = lsp::Position::new(0, 2);
        assert_eq!(references(&a, on_first).len(), 3);
        assert_eq!(highlights(&a, on_first).len(), 3);
        assert!(references(&a, lsp::Position::new(0, 12)).is_empty());
        let Some(lsp::PrepareRenameResponse::RangeWithPlaceholder { placeholder, .. }) = prepare_rename(&a, on_first)
        else {
            panic!("a mention can be renamed")
        };
        assert_eq!(placeholder, "Mosoul");
        let edit = rename(&a, on_first, "Mossoul").unwrap();
        let edits = edit.changes.unwrap().into_values().next().unwrap();
        assert_eq!(edits.len(), 2, "only the spelling under the cursor is renamed");
        assert_eq!(
            apply(text, &edits, Encoding::Utf16),
            "Mossoul est tombée. L'armée tient Mossoul. Mossoul respire."
        );
    }

    #[test]
    fn the_code_lens_and_stats_count_in_the_articles_language() {
        let a = analyze_for_test(
            URI,
            "---\nlang: fr\n---\nLe ministre est venu. Il est reparti.",
            Format::Markdown,
            Encoding::Utf16,
        );
        let lens = code_lens(&a);
        assert_eq!(lens.len(), 1);
        assert_eq!(lens[0].range.start, lsp::Position::new(0, 0));
        let title = &lens[0].command.as_ref().unwrap().title;
        assert!(title.contains("sans source"), "{title}");
        let s = stats(&a);
        for key in ["quotes", "sources", "unattributed", "dates", "figures", "names"] {
            assert!(s[key].is_u64(), "{key} in {s}");
        }
    }
}
