//! What a check reports: a finding with its span, severity, message, related spans and fixes.

use crate::text::Span;

/// How sure and how serious. Ordered from the mildest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// The other half of a consistency finding ("first stated as 2 March here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One text edit that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub span: Span,
    pub replacement: String,
    /// The same edit as an LSP snippet (`$1` marks where the cursor goes), for clients that take
    /// snippets in code actions.
    pub snippet: Option<String>,
}

impl Fix {
    pub fn replace(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            span,
            replacement: replacement.into(),
            snippet: None,
        }
    }
}

/// A problem found in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable rule code (`date.weekday-mismatch`).
    pub code: &'static str,
    /// `None` for a finding about the whole file.
    pub span: Option<Span>,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    pub fn new(code: &'static str, span: Span, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            code,
            span: Some(span),
            severity,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn whole_file(code: &'static str, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            code,
            span: None,
            severity,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }
}
