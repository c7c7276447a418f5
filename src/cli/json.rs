//! The contract's JSON shapes, built from the core's types.

use serde_json::{Value, json};

use crate::analysis::{Analysis, Finding};
use crate::text::{LineIndex, Span};

use super::files::FileReport;

/// `copydesk analyze`'s object.
pub(crate) fn analysis(file: &str, a: &Analysis) -> Value {
    let text = a.doc.text.as_str();
    let idx = LineIndex::new(text);
    let s = |sp: Span| sp.text(text).to_owned();
    let f = &a.facts;
    json!({
        "file": file,
        "language": a.lang().code(),
        "reference_date": a.reference().map(|d| d.format("%Y-%m-%d").to_string()),
        "quotes": f.quotes.iter().map(|q| json!({
            "start": q.span.start, "end": q.span.end, "text": s(q.span),
            "kind": q.kind.as_str(),
            "attributed": q.attributed,
            "speaker": q.speaker.as_ref().map(|sp| json!({
                "start": sp.span.start, "end": sp.span.end, "text": s(sp.span), "name": sp.name,
            })),
            "cue": q.cue.map(|c| json!({"start": c.span.start, "end": c.span.end, "text": s(c.span)})),
        })).collect::<Vec<_>>(),
        "dates": f.dates.iter().map(|d| json!({
            "start": d.span.start, "end": d.span.end, "text": s(d.span),
            "value": d.value.map(|v| v.iso()),
            "precision": d.value.map(|v| v.precision.as_str()),
            "relative": d.relative,
        })).collect::<Vec<_>>(),
        "figures": f.figures.iter().map(|x| json!({
            "start": x.span.start, "end": x.span.end, "text": s(x.span),
            "value": x.value, "max": x.max, "unit": x.unit, "approx": x.approx, "counts": x.counts,
        })).collect::<Vec<_>>(),
        "entities": f.entities.iter().map(|e| json!({
            "id": e.id, "name": e.name, "type": e.kind.as_str(),
            "mentions": e.mentions.iter().map(|m| json!({"start": m.span.start, "end": m.span.end, "text": s(m.span)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "diagnostics": a.findings.iter().map(|d| diagnostic(file, text, &idx, d)).collect::<Vec<_>>(),
    })
}

/// `copydesk check --format json`'s object: every file's findings, files in the run's order.
pub(crate) fn check(reports: &[FileReport]) -> Value {
    let diagnostics: Vec<Value> = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|a| (r.name.as_str(), a)))
        .flat_map(|(name, a)| {
            let text = a.doc.text.as_str();
            let idx = LineIndex::new(text);
            a.findings
                .iter()
                .map(|f| diagnostic(name, text, &idx, f))
                .collect::<Vec<_>>()
        })
        .collect();
    json!({ "diagnostics": diagnostics })
}

/// One diagnostic as `check --format json` prints it.
pub(crate) fn diagnostic(file: &str, text: &str, idx: &LineIndex, d: &Finding) -> Value {
    let mut v = json!({
        "file": file,
        "severity": d.severity.as_str(),
        "code": d.code,
        "message": d.message,
        "related": d.related.iter().map(|r| json!({"start": r.span.start, "end": r.span.end, "message": r.message})).collect::<Vec<_>>(),
        "fixes": d.fixes.iter().map(|x| json!({"title": x.title, "start": x.span.start, "end": x.span.end, "replacement": x.replacement})).collect::<Vec<_>>(),
    });
    if let Some(span) = d.span {
        let (line, column) = idx.human(text, span.start);
        let (end_line, end_column) = idx.human(text, span.end);
        let o = v.as_object_mut().expect("an object");
        o.insert("start".into(), span.start.into());
        o.insert("end".into(), span.end.into());
        o.insert("line".into(), line.into());
        o.insert("column".into(), column.into());
        o.insert("end_line".into(), end_line.into());
        o.insert("end_column".into(), end_column.into());
    }
    v
}
