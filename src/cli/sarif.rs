//! `copydesk check --format sarif`: a SARIF 2.1.0 log for code-review tools (GitHub code scanning,
//! GitLab, Azure DevOps, VS Code's SARIF viewer).
//!
//! Positions: `startLine`/`startColumn`/`endLine`/`endColumn` are 1-based and count Unicode scalar
//! values, which the run declares with `columnKind: "unicodeCodePoints"` (SARIF's default would be
//! UTF-16 code units); `endColumn` is the column just after the region, as SARIF defines it. Each
//! region also carries `byteOffset`/`byteLength`, the contract's exact UTF-8 byte offsets, so a tool
//! can cut the file without re-deriving columns. Rules come from the registry with their
//! documentation; related locations and fixes ride along. Files that could not be read appear as
//! `toolExecutionNotifications` and make `executionSuccessful` false.

use serde_json::{Value, json};

use crate::analysis::checks::{self, Rule};
use crate::analysis::{Finding, Severity};
use crate::text::{LineIndex, Span};

use super::files::FileReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole log: one run, every rule, every file's results in the run's order.
pub(crate) fn log(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = checks::RULES.iter().map(|r| rule(r)).collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        match &r.outcome {
            Ok(a) => {
                let text = a.doc.text.as_str();
                let idx = LineIndex::new(text);
                results.extend(a.findings.iter().map(|f| result(&r.name, text, &idx, f)));
            }
            Err(e) => notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {e}", r.name)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&r.name)}}],
            })),
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": cwd_uri()}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        // SARIF has no "hint": both milder levels are notes; the exact one is in `properties`.
        Severity::Information | Severity::Hint => "note",
    }
}

fn rule(r: &Rule) -> Value {
    json!({
        "id": r.code,
        "name": r.code,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": level(r.default_severity), "enabled": r.default_on},
        "properties": {"summary_fr": r.summary_fr},
    })
}

fn result(file: &str, text: &str, idx: &LineIndex, f: &Finding) -> Value {
    let rule_index = checks::RULES.iter().position(|r| r.code == f.code);
    let location = match f.span {
        Some(span) => json!({"physicalLocation": physical(file, text, idx, span)}),
        None => json!({"physicalLocation": {"artifactLocation": artifact(file)}}),
    };
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(file, text, idx, r.span),
                "message": {"text": r.message},
            })
        })
        .collect();
    let fixes: Vec<Value> = f
        .fixes
        .iter()
        .map(|x| {
            json!({
                "description": {"text": x.title},
                "artifactChanges": [{
                    "artifactLocation": artifact(file),
                    "replacements": [{
                        "deletedRegion": region(text, idx, x.span, false),
                        "insertedContent": {"text": x.replacement},
                    }],
                }],
            })
        })
        .collect();
    let mut v = json!({
        "ruleId": f.code,
        "level": level(f.severity),
        "message": {"text": f.message},
        "locations": [location],
        "properties": {"severity": f.severity.as_str()},
    });
    let o = v.as_object_mut().expect("an object");
    if let Some(i) = rule_index {
        o.insert("ruleIndex".into(), i.into());
    }
    if !related.is_empty() {
        o.insert("relatedLocations".into(), related.into());
    }
    if !fixes.is_empty() {
        o.insert("fixes".into(), fixes.into());
    }
    v
}

fn physical(file: &str, text: &str, idx: &LineIndex, span: Span) -> Value {
    json!({"artifactLocation": artifact(file), "region": region(text, idx, span, true)})
}

/// A text region with its exact bytes; `snippet` only where it helps a reader (not in fixes).
fn region(text: &str, idx: &LineIndex, span: Span, snippet: bool) -> Value {
    let start = span.start.min(text.len());
    let span = Span::new(start, span.end.clamp(start, text.len()));
    let (start_line, start_column) = idx.human(text, span.start);
    let (end_line, end_column) = idx.human(text, span.end);
    let mut v = json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    });
    if snippet && let Some(s) = text.get(span.range()) {
        v["snippet"] = json!({"text": s});
    }
    v
}

/// A relative path becomes a URI reference against `%SRCROOT%` (the folder copydesk ran in); an
/// absolute one a `file://` URI.
fn artifact(file: &str) -> Value {
    let path = std::path::Path::new(file);
    if path.is_absolute() {
        json!({"uri": format!("file://{}", encode_path(&path.to_string_lossy()))})
    } else {
        let rel = file.strip_prefix("./").unwrap_or(file);
        json!({"uri": encode_path(rel), "uriBaseId": "%SRCROOT%"})
    }
}

fn cwd_uri() -> String {
    let cwd = std::env::current_dir()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut uri = format!("file://{}", encode_path(&cwd));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Percent-encodes a path for a URI: unreserved characters and `/` stay, everything else (spaces,
/// accents, `%`, `#`, `?`) is encoded byte by byte; Windows separators become `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(encode_path("news/été 2017.md"), "news/%C3%A9t%C3%A9%202017.md");
        assert_eq!(artifact("./a b.md")["uri"], "a%20b.md");
        assert_eq!(artifact("/tmp/x#1.md")["uri"], "file:///tmp/x%231.md");
    }

    #[test]
    fn regions_count_scalars_and_keep_bytes() {
        let text = "« Oui »\u{202f}😀 the the end";
        let idx = LineIndex::new(text);
        let start = text.find("the the").unwrap();
        let r = region(text, &idx, Span::new(start, start + 7), true);
        assert_eq!(r["startLine"], 1);
        assert_eq!(r["startColumn"], 11);
        assert_eq!(r["endColumn"], 18);
        assert_eq!(r["byteOffset"], start);
        assert_eq!(r["byteLength"], 7);
        assert_eq!(r["snippet"]["text"], "the the");
    }
}
