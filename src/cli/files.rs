//! Reading articles and their configuration from disk, and `copydesk check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::{self, Analysis, Input};
use crate::config::{self, Config};
use crate::markup::Format;

use super::{CheckArgs, Common};

/// An article read from disk with its configuration.
pub(crate) struct Loaded {
    pub text: String,
    pub format: Format,
    pub config: Config,
    pub common: Common,
}

impl Loaded {
    pub fn analyze(&self) -> Analysis {
        let mut input = Input::new(&self.text, self.format, &self.config);
        input.lang = self.common.lang.0;
        input.date = self.common.date;
        analysis::analyze(input)
    }
}

/// Reads an article: UTF-8 text only, with a clear reason otherwise.
pub(crate) fn read_article(path: &Path) -> Result<String, String> {
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

pub(crate) fn load(path: &Path, common: &Common) -> Result<Loaded, String> {
    let text = read_article(path)?;
    let mut config = Config::cli_default();
    let mut config_problems = Vec::new();
    if let Some(cfg) = find_config(path) {
        match std::fs::read_to_string(&cfg) {
            Ok(t) => config_problems = config.merge_toml(&t),
            Err(e) => config_problems.push(format!("cannot read: {e}")),
        }
        for p in &config_problems {
            eprintln!("copydesk: {}: {p}", cfg.display());
        }
    }
    let format = Format::from_path(&path.to_string_lossy());
    Ok(Loaded {
        text,
        format,
        config,
        common: common.clone(),
    })
}

/// `copydesk check`.
pub(crate) fn check(args: &CheckArgs) -> ExitCode {
    let mut all = Vec::new();
    let mut io_error = false;
    for path in &args.paths {
        match load(path, &args.common) {
            Ok(l) => {
                let a = l.analyze();
                let file = path.display().to_string();
                let idx = crate::text::LineIndex::new(&a.doc.text);
                for f in &a.findings {
                    all.push((f.severity, super::json::diagnostic(&file, &a.doc.text, &idx, f)));
                }
            }
            Err(e) => {
                eprintln!("copydesk: {}: {e}", path.display());
                io_error = true;
            }
        }
    }
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| all.iter().any(|(s, _)| *s >= t));
    let out = serde_json::json!({"diagnostics": all.into_iter().map(|(_, v)| v).collect::<Vec<_>>()});
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    if io_error {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
