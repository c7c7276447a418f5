//! Whole-article snapshots: every fixture under `tests/fixtures/{en,fr}` is analysed and its
//! findings rendered with caret underlines into `tests/it/snapshots/{en,fr}/NAME.snap`.
//!
//! expect-test rather than insta: it is already a dev-dependency, needs no companion tool
//! (`UPDATE_EXPECT=1 cargo test --test it corpus` rewrites the files), and the snapshots are plain
//! text files reviewed as ordinary diffs. A new rule that changes what an article reports shows up
//! as a diff of these files in review, which is the point.

use std::fmt::Write;
use std::path::Path;

use copydesk::analysis::{self, Analysis, Input};
use copydesk::config::Config;
use copydesk::markup::Format;
use copydesk::text::{LineIndex, Span};

fn fixtures(lang: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Underlines `span` on each line it covers: `^` for the finding itself, `-` for related spans.
fn underline(out: &mut String, text: &str, idx: &LineIndex, span: Span, mark: char, note: &str) {
    let first = idx.line_of(span.start);
    let last = idx.line_of(span.end.saturating_sub(1).max(span.start));
    for line in first..=last {
        let Some(ls) = idx.line_span(text, line) else { break };
        let from = span.start.max(ls.start);
        let to = span.end.min(ls.end).max(from);
        let pad = text[ls.start..from].chars().count();
        let width = text[from..to].chars().count().max(1);
        let _ = writeln!(out, "{:>4} | {}", line + 1, &text[ls.range()]);
        let tail = if line == last {
            format!(" {note}")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "     | {}{}{tail}",
            " ".repeat(pad),
            mark.to_string().repeat(width)
        );
    }
}

fn render(a: &Analysis) -> String {
    let text = a.doc.text.as_str();
    let idx = LineIndex::new(text);
    let mut out = String::new();
    let date = a.reference().map_or("none".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "language: {}, date: {date}", a.lang().code());
    if a.findings.is_empty() {
        out.push_str("no findings\n");
    }
    for f in &a.findings {
        out.push('\n');
        let Some(span) = f.span else {
            let _ = writeln!(out, "(whole file) {} {}: {}", f.severity.as_str(), f.code, f.message);
            continue;
        };
        let (line, col) = idx.human(text, span.start);
        let _ = writeln!(out, "{line}:{col} {} {}: {}", f.severity.as_str(), f.code, f.message);
        underline(&mut out, text, &idx, span, '^', f.code);
        for r in &f.related {
            underline(&mut out, text, &idx, r.span, '-', &r.message);
        }
        for x in &f.fixes {
            let _ = writeln!(out, "     = fix: {} ({:?})", x.title, x.replacement);
        }
    }
    out
}

fn snapshot_all(lang: &str) {
    for path in fixtures(lang) {
        let text = std::fs::read_to_string(&path).expect("a UTF-8 fixture");
        let config = Config::cli_default();
        let format = Format::from_path(&path.to_string_lossy());
        let a = analysis::analyze(Input::new(&text, format, &config));
        let name = path.file_name().expect("a file name").to_string_lossy();
        expect_test::expect_file![format!("snapshots/{lang}/{name}.snap")].assert_eq(&render(&a));
    }
}

#[test]
fn english_articles() {
    snapshot_all("en");
}

#[test]
fn french_articles() {
    snapshot_all("fr");
}

#[test]
fn fixtures_are_detected_in_their_own_language() {
    for lang in ["en", "fr"] {
        for path in fixtures(lang) {
            let text = std::fs::read_to_string(&path).expect("a UTF-8 fixture");
            let config = Config::cli_default();
            let a = analysis::analyze(Input::new(&text, Format::from_path(&path.to_string_lossy()), &config));
            assert_eq!(a.lang().code(), lang, "{}", path.display());
        }
    }
}
