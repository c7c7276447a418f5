//! Reading articles and their configuration from disk, and `copydesk check`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::analysis::{self, Analysis, Input, Severity};
use crate::config::{self, Config};
use crate::kb::NamesFile;
use crate::markup::Format;

use super::{CheckArgs, Common, OutputFormat, walk};

/// An article read from disk with its configuration.
pub(crate) struct Loaded {
    pub text: String,
    pub format: Format,
    pub config: Config,
    pub common: Common,
}

impl Loaded {
    pub fn analyze(&self) -> Analysis {
        analyze_text(&self.text, self.format, &self.config, &self.common)
    }
}

fn analyze_text(text: &str, format: Format, config: &Config, common: &Common) -> Analysis {
    let mut input = Input::new(text, format, config);
    input.lang = common.lang.0;
    input.date = common.date;
    analysis::analyze(input)
}

/// Reads an article: UTF-8 text only, with a clear reason otherwise.
pub(crate) fn read_article(path: &Path) -> Result<String, String> {
    if path.is_dir() {
        return Err("is a folder; `copydesk check` walks folders, `analyze` takes one file".to_owned());
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.contains(&0) {
        return Err("looks like a binary file (it contains NUL bytes); not checked".to_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The nearest `copydesk.toml` from a file's folder upward.
pub(crate) fn find_config(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .skip(1)
        .map(|d| d.join(config::FILE_NAME))
        .find(|p| p.is_file())
}

/// Configuration files read once each; their problems are printed once, on stderr, when first read.
#[derive(Default)]
struct Configs {
    parsed: HashMap<PathBuf, Config>,
    default: Config,
}

impl Configs {
    /// The configuration file that applies to `path`, read now if it was not yet.
    fn locate(&mut self, path: &Path) -> Option<PathBuf> {
        let cfg = find_config(path)?;
        self.parsed.entry(cfg.clone()).or_insert_with(|| read_config(&cfg));
        Some(cfg)
    }

    fn get(&self, cfg: Option<&PathBuf>) -> &Config {
        cfg.and_then(|c| self.parsed.get(c)).unwrap_or(&self.default)
    }
}

/// Reads one `copydesk.toml` over the CLI's defaults, then the names file it names (relative to
/// its folder), printing their problems on stderr; whatever is fine still applies.
fn read_config(cfg: &Path) -> Config {
    let mut config = Config::cli_default();
    let problems = match std::fs::read_to_string(cfg) {
        Ok(t) => config.merge_toml(&t),
        Err(e) => vec![format!("cannot read: {e}; using the defaults")],
    };
    for p in &problems {
        eprintln!("copydesk: {}: {p}", cfg.display());
    }
    let base = match cfg.parent() {
        Some(dir) => dir.to_owned(),
        None => std::env::current_dir().unwrap_or_default(),
    };
    if let Err(e) = load_names(&mut config, &base) {
        eprintln!("copydesk: {e}");
    }
    config
}

/// Reads the configuration's `names_file`, if any, from `base` into `config.names`.
fn load_names(config: &mut Config, base: &Path) -> Result<(), String> {
    let Some(configured) = config.names_file.as_deref() else {
        return Ok(());
    };
    let names = NamesFile::read(&NamesFile::resolve(configured, base))?;
    config.names = std::sync::Arc::new(names);
    Ok(())
}

/// Loads one article for `copydesk analyze`.
pub(crate) fn load(path: &Path, common: &Common) -> Result<Loaded, String> {
    let text = read_article(path)?;
    let config = find_config(path)
        .map(|c| read_config(&c))
        .unwrap_or_else(Config::cli_default);
    let format = Format::from_path(&path.to_string_lossy());
    Ok(Loaded {
        text,
        format,
        config,
        common: common.clone(),
    })
}

/// One file of a `check` run: its name as given or walked, and what came of it.
pub(crate) struct FileReport {
    pub name: String,
    pub outcome: Result<Analysis, String>,
}

/// Reads and analyses every file, in parallel; the reports come back in `files`' order.
fn check_all(files: &[PathBuf], common: &Common) -> Vec<FileReport> {
    let mut configs = Configs::default();
    let located: Vec<Option<PathBuf>> = files.iter().map(|p| configs.locate(p)).collect();
    files
        .par_iter()
        .zip(located.par_iter())
        .map(|(path, cfg)| {
            let name = path.display().to_string();
            let outcome = read_article(path).and_then(|text| {
                let format = Format::from_path(&name);
                let config = configs.get(cfg.as_ref());
                // The core catches a panicking check; this catches the rest (segmentation, markup)
                // so that one bad file never hides the others' findings.
                analysis::guard(&name, || analyze_text(&text, format, config, common))
                    .ok_or_else(|| "internal error while analysing; please report it".to_owned())
            });
            FileReport { name, outcome }
        })
        .collect()
}

/// `copydesk check`.
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let walked = walk::collect(&args.paths);
    for e in &walked.errors {
        eprintln!("copydesk: {e}");
    }
    let reports = check_all(&walked.files, &args.common);
    let mut io_error = !walked.errors.is_empty();
    for r in &reports {
        if let Err(e) = &r.outcome {
            eprintln!("copydesk: {}: {e}", r.name);
            io_error = true;
        }
    }
    let out = match args.format {
        OutputFormat::Text => super::human::render(&reports, super::human::Options::for_stdout(args.color)),
        OutputFormat::Json => pretty(&super::json::check(&reports)),
        OutputFormat::Sarif => pretty(&super::sarif::log(&reports)),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: cannot write the report: {e}");
        return ExitCode::from(2);
    }
    let failed = args.fail_on.threshold().is_some_and(|t| worst(&reports) >= Some(t));
    if io_error {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The most serious finding of the run.
fn worst(reports: &[FileReport]) -> Option<Severity> {
    reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|a| a.findings.iter().map(|f| f.severity))
        .max()
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
