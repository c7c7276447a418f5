//! The command line: `copydesk lsp | check | analyze | rules`. A thin front end over
//! [`crate::analysis`]; JSON shapes follow the contract and are built here, not in the core.

mod files;
mod human;
mod json;
mod sarif;
mod walk;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{self, Severity, checks};
use crate::lang::Lang;

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk for news articles: quotes, dates, figures and names, checked as you type."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check articles (files or folders) and report findings.
    Check(CheckArgs),
    /// Print everything copydesk extracts from one article as JSON.
    Analyze(AnalyzeArgs),
    /// List the rules, or show one rule's documentation.
    Rules {
        /// A rule code to document.
        code: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    /// Files or folders (folders are walked, honouring .gitignore; .md, .markdown, .txt).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// text: compiler-style, for people; json: the contract's shape; sarif: SARIF 2.1.0 for
    /// code-review tools.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Exit with status 1 when something at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Colour the text output: auto (only on a terminal, and never when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args, Debug)]
pub(crate) struct AnalyzeArgs {
    pub file: PathBuf,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args, Debug, Clone)]
pub(crate) struct Common {
    /// The article's language: en, fr or auto.
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    pub lang: LangArg,
    /// The article's date (YYYY-MM-DD): the reference for relative dates and weekdays.
    #[arg(long, value_parser = parse_date_arg)]
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct LangArg(pub Option<Lang>);

fn parse_lang(s: &str) -> Result<LangArg, String> {
    if s == "auto" {
        return Ok(LangArg(None));
    }
    Lang::parse(s)
        .map(|l| LangArg(Some(l)))
        .ok_or_else(|| format!("expected en, fr or auto, got {s:?}"))
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected a date as YYYY-MM-DD, got {s:?}"))
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    Text,
    Json,
    Sarif,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Information => Some(Severity::Information),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

/// Runs the command line; the process's exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lsp { stdio: _ } => crate::lsp::run_stdio(),
        Command::Check(args) => files::check(&args),
        Command::Analyze(args) => analyze(&args),
        Command::Rules { code } => rules(code.as_deref()),
    }
}

fn analyze(args: &AnalyzeArgs) -> ExitCode {
    let loaded = match files::load(&args.file, &args.common) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("copydesk: {}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let a = loaded.analyze();
    let out = json::analysis(&args.file.display().to_string(), &a);
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    ExitCode::SUCCESS
}

fn rules(code: Option<&str>) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match code {
        None => {
            for r in checks::RULES {
                let off = if r.default_on { "" } else { " (off by default)" };
                let _ = writeln!(
                    stdout,
                    "{:<28} {:<12} {}{off}",
                    r.code,
                    r.default_severity.as_str(),
                    r.summary
                );
            }
            ExitCode::SUCCESS
        }
        Some(code) => match checks::rule(code) {
            Some(r) => {
                let _ = writeln!(stdout, "{}", analysis::hover::rule_doc(r, Lang::En));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("copydesk: no rule {code:?}; `copydesk rules` lists them");
                ExitCode::from(2)
            }
        },
    }
}
