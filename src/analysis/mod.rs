//! The analysis core: text, configuration and dates in; a [`Report`] out.
//!
//! Pure and synchronous: no tokio, no LSP types, no I/O, no clock. "Today" arrives as an input
//! ([`Input::today`]) when the caller wants the draft fallback. A panic inside one extractor or one
//! check is caught and logged to stderr; the others still report.

pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod extract;
pub mod hover;
pub mod outline;

pub use diagnostic::{Finding, Fix, Related, Severity};
pub use document::Document;
pub use extract::Facts;

use chrono::NaiveDate;

use crate::config::{Config, Messages, RuleLevel};
use crate::lang::Lang;
use crate::markup::Format;

/// Where the article's date came from (the contract's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `--date` on the command line.
    Flag,
    FrontMatter,
    /// `copydesk.toml`, or the editor's setting.
    Config,
    /// Today's date, for a draft (LSP only, `date_fallback = "today"`).
    Today,
}

/// What one analysis needs besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub format: Format,
    pub config: &'a Config,
    /// `--lang`: wins over front matter and configuration.
    pub lang: Option<Lang>,
    /// `--date`: wins over front matter and configuration.
    pub date: Option<NaiveDate>,
    /// Today's date, used only when nothing else dates the article and the configuration allows.
    pub today: Option<NaiveDate>,
}

impl<'a> Input<'a> {
    pub fn new(text: &'a str, format: Format, config: &'a Config) -> Input<'a> {
        Input {
            text,
            format,
            config,
            lang: None,
            date: None,
            today: None,
        }
    }
}

/// Everything copydesk knows about one version of an article.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub doc: Document,
    pub facts: Facts,
    /// Findings after configuration and suppressions, in text order.
    pub findings: Vec<Finding>,
    pub reference_date: Option<(NaiveDate, DateSource)>,
    /// The language messages and hovers are written in.
    pub messages: Lang,
}

impl Analysis {
    pub fn lang(&self) -> Lang {
        self.doc.lang
    }

    pub fn reference(&self) -> Option<NaiveDate> {
        self.reference_date.map(|(d, _)| d)
    }
}

/// Analyses one article.
pub fn analyze(input: Input<'_>) -> Analysis {
    let config = input.config;
    let markup = crate::markup::Markup::parse(input.text, input.format);
    let front = markup.front_matter.clone();
    let lang = input
        .lang
        .or_else(|| front.lang.as_deref().and_then(Lang::parse))
        .or(config.language);
    let doc = Document::from_markup(input.text, markup, lang);
    let reference_date = input
        .date
        .map(|d| (d, DateSource::Flag))
        .or_else(|| {
            front
                .date
                .as_deref()
                .and_then(crate::config::parse_date)
                .map(|d| (d, DateSource::FrontMatter))
        })
        .or_else(|| config.date.map(|d| (d, DateSource::Config)))
        .or_else(|| {
            input
                .today
                .filter(|_| config.date_fallback_today)
                .map(|d| (d, DateSource::Today))
        });
    let messages = match config.messages {
        Messages::Article => doc.lang,
        Messages::Fixed(l) => l,
    };
    let reference = reference_date.map(|(d, _)| d);
    let facts = extract::extract(&doc, config, reference);
    let ctx = checks::Context {
        doc: &doc,
        facts: &facts,
        config,
        reference,
        messages,
    };
    let findings = run_checks(&ctx);
    Analysis {
        doc,
        facts,
        findings,
        reference_date,
        messages,
    }
}

/// Builds what every analysis shares (word lists, patterns, the knowledge base's indexes) for
/// `langs`, by analysing a short sample in each. Otherwise the first article opened pays for it:
/// a long-running server calls this once at start, off the request path.
pub fn warm_up(langs: &[Lang]) {
    const SAMPLE_EN: &str = "---\ndate: 2024-03-04\n---\n\
The mayor of Dunmore, Ada Quill, said on Monday, March 4, that the new bridge across the \
Tarrow would cost $12.5 million. \"We waited 20 years,\" she said. The Regional Transit \
Authority (RTA) will run buses.\n";
    const SAMPLE_FR: &str = "---\ndate: 2024-03-04\n---\n\
La maire de Villebrune, Ada Quilès, a annoncé lundi 4 mars que le pont sur la Tarre coûterait \
12,5 millions d'euros. « Nous l'attendions depuis 20 ans », a-t-elle déclaré. La Régie \
régionale des transports (RRT) assurera les bus.\n";
    let config = Config::lsp_default();
    for &lang in langs {
        let text = lang.pick(SAMPLE_EN, SAMPLE_FR);
        let mut input = Input::new(text, Format::Markdown, &config);
        input.lang = Some(lang);
        std::hint::black_box(analyze(input));
    }
}

impl Analysis {
    /// Adds findings computed outside [`analyze`] (the language server's workspace findings,
    /// [`extract::entities::workspace`]) under the same configuration and in-file suppressions
    /// as the article's own, keeping text order.
    pub fn add_findings(&mut self, config: &Config, extra: Vec<Finding>) {
        for f in extra {
            let Some(level) = checks::rule(f.code).and_then(|r| level(config, r)) else {
                continue;
            };
            if let Some(f) = configured(&self.doc, level, f) {
                self.findings.push(f);
            }
        }
        sort(&mut self.findings);
    }
}

/// How the configuration runs a rule: `None` off, `Some(None)` at its own severity,
/// `Some(Some(s))` at `s`.
fn level(config: &Config, rule: &checks::Rule) -> Option<Option<Severity>> {
    match config.rule_level(rule.code) {
        Some(RuleLevel::Off) => None,
        Some(RuleLevel::On(s)) => Some(Some(s)),
        None if !rule.default_on => None,
        None => Some(None),
    }
}

/// A finding at its configured severity, or `None` when an in-file comment suppresses it.
fn configured(doc: &Document, level: Option<Severity>, mut f: Finding) -> Option<Finding> {
    if let Some(s) = level {
        f.severity = s;
    }
    let suppressed = f.span.is_some_and(|s| doc.markup.suppressions.suppresses(f.code, s));
    (!suppressed).then_some(f)
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.span.map(|s| (s.start, s.end)), f.code));
}

fn run_checks(ctx: &checks::Context<'_>) -> Vec<Finding> {
    use rayon::prelude::*;
    // The rules are independent: they run in parallel, and their findings are gathered in the
    // registry's order, so the output does not depend on the scheduling.
    let per_rule: Vec<Vec<Finding>> = checks::RULES
        .par_iter()
        .map(|rule| {
            let Some(level) = level(ctx.config, rule) else {
                return Vec::new();
            };
            let found = guard(rule.code, || (rule.check)(ctx)).unwrap_or_default();
            found
                .into_iter()
                .filter_map(|f| configured(ctx.doc, level, f))
                .collect()
        })
        .collect();
    let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
    sort(&mut findings);
    findings
}

/// Runs `f`, turning a panic into `None` and a line on stderr (never stdout: that is the LSP's).
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("copydesk: internal error in {what}: {msg}; its results are skipped");
            None
        }
    }
}
