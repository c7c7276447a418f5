//! `copydesk check`'s default output: compiler-style reports rendered with `annotate-snippets`.
//!
//! ```text
//! warning[text.doubled-word]: "the" is typed twice
//!  --> examples/harbour.md:7:22
//!   |
//! 7 | The council voted on the the plan.
//!   |                      ^^^^^^^
//!   |
//!   = help: Remove the second "the"
//! ```
//!
//! The excerpt shows only the lines a finding covers; a related location on other lines ("first
//! written here") gets its own excerpt, on the same lines it is a secondary underline. A finding
//! about the whole file has no excerpt. Lines and columns come from [`LineIndex::human`], so they
//! are the same as the JSON's (columns in Unicode scalar values).

use std::borrow::Cow;
use std::io::IsTerminal;

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::analysis::{Finding, Severity};
use crate::text::{LineIndex, Span};

use super::ColorChoice;
use super::files::FileReport;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub color: bool,
}

impl Options {
    /// Colour only on a terminal, never when `NO_COLOR` is set to something (no-color.org).
    pub fn for_stdout(choice: ColorChoice) -> Options {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        };
        Options { color }
    }
}

/// The whole report: each file's findings in order, then one summary line.
pub(crate) fn render(reports: &[FileReport], opts: Options) -> String {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    let mut files_with_findings = 0;
    for r in reports {
        let Ok(a) = &r.outcome else { continue };
        if a.findings.is_empty() {
            continue;
        }
        files_with_findings += 1;
        let text = a.doc.text.as_str();
        let idx = LineIndex::new(text);
        for f in &a.findings {
            counts[f.severity as usize] += 1;
            out.push_str(&renderer.render(&[group(&r.name, text, &idx, f)]));
            out.push_str("\n\n");
        }
    }
    let checked = reports.iter().filter(|r| r.outcome.is_ok()).count();
    let unreadable = reports.len() - checked;
    out.push_str(&summary(counts, files_with_findings, checked, unreadable));
    out.push('\n');
    out
}

/// "2 warnings, 1 hint in 2 files (5 checked)"; "no problems found in 5 files".
fn summary(counts: [usize; 4], with_findings: usize, checked: usize, unreadable: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Information, "information message", "information messages"),
        (Severity::Hint, "hint", "hints"),
    ]
    .iter()
    .filter(|(s, ..)| counts[*s as usize] > 0)
    .map(|&(s, one, many)| plural(counts[s as usize], one, many))
    .collect();
    let mut line = if parts.is_empty() {
        format!("no problems found in {}", plural(checked, "file", "files"))
    } else if with_findings == checked {
        format!("{} in {}", parts.join(", "), plural(with_findings, "file", "files"))
    } else {
        format!(
            "{} in {} ({checked} checked)",
            parts.join(", "),
            plural(with_findings, "file", "files")
        )
    };
    if unreadable > 0 {
        line.push_str(&format!("; {} could not be read", plural(unreadable, "file", "files")));
    }
    line
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO.with_name("information"),
        Severity::Hint => Level::HELP.with_name("hint"),
    }
}

/// A span moved onto character boundaries inside the text (a rule's bug must not panic here).
fn fit(text: &str, span: Span) -> Span {
    let floor = |mut o: usize| {
        o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let start = floor(span.start);
    Span::new(start, floor(span.end).max(start))
}

/// The lines a span covers: their byte range and the 1-based number of the first.
fn lines_of(text: &str, idx: &LineIndex, span: Span) -> (Span, usize) {
    let first = idx.line_of(span.start);
    // A span ending right after a line break ends on the previous line.
    let last = idx.line_of(span.end.saturating_sub(1).max(span.start));
    let start = idx.line_span(text, first).map_or(span.start, |s| s.start);
    let end = idx.line_span(text, last).map_or(span.end, |s| s.end).max(span.end);
    (Span::new(start, end), first + 1)
}

/// One excerpt: some lines of the file and the spans underlined in them.
struct Excerpt<'a> {
    lines: Span,
    first_line: usize,
    /// Whole-file spans; the first excerpt's first one is the finding's own.
    marks: Vec<(Span, Option<&'a str>)>,
}

impl<'a> Excerpt<'a> {
    fn new(text: &str, idx: &LineIndex, span: Span, label: Option<&'a str>) -> Excerpt<'a> {
        let (lines, first_line) = lines_of(text, idx, span);
        Excerpt {
            lines,
            first_line,
            marks: vec![(span, label)],
        }
    }

    fn snippet(self, name: &'a str, text: &'a str, primary: bool) -> Snippet<'a, Annotation<'a>> {
        let base = self.lines.start;
        let annotations = self.marks.into_iter().enumerate().map(move |(i, (span, label))| {
            let kind = if primary && i == 0 {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            kind.span(span.start - base..span.end - base).label(label)
        });
        Snippet::source(Cow::Borrowed(&text[self.lines.range()]))
            .line_start(self.first_line)
            .path(name)
            .annotations(annotations)
    }
}

fn group<'a>(name: &'a str, text: &'a str, idx: &LineIndex, f: &'a Finding) -> Group<'a> {
    let title = level(f.severity).primary_title(f.message.as_str()).id(f.code);
    let Some(span) = f.span else {
        return title.element(Origin::path(name));
    };
    let mut excerpts = vec![Excerpt::new(text, idx, fit(text, span), None)];
    for r in &f.related {
        let rs = fit(text, r.span);
        let label = Some(r.message.as_str());
        match excerpts.iter_mut().find(|e| e.lines.contains_span(rs)) {
            Some(e) => e.marks.push((rs, label)),
            None => excerpts.push(Excerpt::new(text, idx, rs, label)),
        }
    }
    let mut excerpts = excerpts.into_iter();
    let first = excerpts.next().expect("the finding's own excerpt");
    let mut group = title.element(first.snippet(name, text, true));
    for e in excerpts {
        group = group.element(e.snippet(name, text, false));
    }
    for fix in &f.fixes {
        group = group.element(Level::HELP.message(fix.title.as_str()));
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Input};
    use crate::config::Config;
    use crate::markup::Format;

    fn report(name: &str, text: &str, extra: Vec<Finding>) -> FileReport {
        let config = Config::cli_default();
        let mut a = analysis::analyze(Input::new(text, Format::Markdown, &config));
        a.findings.extend(extra);
        FileReport {
            name: name.to_owned(),
            outcome: Ok(a),
        }
    }

    #[test]
    fn a_whole_file_finding_has_no_excerpt() {
        let f = Finding::whole_file(
            "date.missing-reference",
            Severity::Hint,
            "relative dates but no article date",
        );
        let out = render(
            &[report("a.md", "The council met.\n", vec![f])],
            Options { color: false },
        );
        assert_eq!(
            out,
            "hint[date.missing-reference]: relative dates but no article date\n--> a.md\n\n1 hint in 1 file\n"
        );
    }

    #[test]
    fn related_spans_on_the_same_line_are_secondary_underlines() {
        let text = "Smith spoke, then Smyth left.\n";
        let f = Finding::new("entity.spelling", Span::new(18, 23), Severity::Warning, "two spellings")
            .with_related(Span::new(0, 5), "first spelled here");
        let out = render(&[report("n.md", text, vec![f])], Options { color: false });
        assert!(out.contains("--> n.md:1:19"), "{out}");
        assert!(out.contains("-----             ^^^^^"), "{out}");
        assert!(out.contains("first spelled here"), "{out}");
        assert!(!out.contains(":::"), "one excerpt: {out}");
    }

    #[test]
    fn spans_off_character_boundaries_do_not_panic() {
        let text = "Une « citation » ici.\n";
        let f = Finding::new("text.repeated", Span::new(5, 99), Severity::Warning, "odd span");
        let out = render(&[report("x.md", text, vec![f])], Options { color: false });
        assert!(out.contains("x.md:1:5"), "{out}");
    }

    #[test]
    fn summaries() {
        assert_eq!(summary([0, 0, 0, 0], 0, 3, 0), "no problems found in 3 files");
        assert_eq!(summary([1, 0, 2, 1], 2, 2, 0), "1 error, 2 warnings, 1 hint in 2 files");
        assert_eq!(
            summary([0, 0, 1, 0], 1, 4, 1),
            "1 warning in 1 file (4 checked); 1 file could not be read"
        );
    }
}
