//! Where an open document's configuration comes from, in the contract's order: `copydesk.toml`
//! found upward from the document's folder (or from the workspace root), then the client's
//! `initializationOptions`, then its latest `workspace/didChangeConfiguration` settings.
//!
//! The newsroom's names file (`names_file`) is read here too: relative to the folder of the
//! `copydesk.toml` that names it, or to the workspace root when the client's settings name it.
//! Parsed files are kept while their size and modification time stay the same, so that checking
//! many documents does not re-read it for each; a new configuration epoch reloads it anyway
//! when it changed.
//!
//! Besides the shared keys of [`crate::config`], the server reads one key of its own, which
//! [`Config::merge_json`] never sees: `debounce_ms` (default 150), how long to wait after the
//! last keystroke before checking with `check_on = "type"`; `0` checks at once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::config::{self, Config};
use crate::kb::NamesFile;

/// The wait after a keystroke before a check, unless the client sets `debounce_ms`.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The server-only key for the debounce, in milliseconds.
pub const DEBOUNCE_KEY: &str = "debounce_ms";

/// What the client told the server about configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The workspace root, for documents that are not files and for `copydesk.checkWorkspace`.
    pub root: Option<PathBuf>,
    init_options: Value,
    client_settings: Value,
    pub debounce: Duration,
    names: NamesCache,
}

/// Names files asked for, by path: parsed, with the size and modification time they had, or
/// `None` when they could not be read (kept so that creating or fixing one reloads it).
type NamesCache = Arc<Mutex<HashMap<PathBuf, Option<(u64, Option<SystemTime>, Arc<NamesFile>)>>>>;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            root: None,
            init_options: Value::Null,
            client_settings: Value::Null,
            debounce: DEFAULT_DEBOUNCE,
            names: NamesCache::default(),
        }
    }
}

impl Settings {
    /// Takes `initializationOptions`; returns problems with the server-only keys.
    pub fn set_init_options(&mut self, value: Value) -> Vec<String> {
        let (value, debounce, problems) = split_server_keys(value);
        self.debounce = debounce.unwrap_or(self.debounce);
        self.init_options = value;
        problems
    }

    /// Takes the settings of `workspace/didChangeConfiguration` (they replace the previous ones).
    pub fn set_client_settings(&mut self, value: Value) -> Vec<String> {
        let (value, debounce, problems) = split_server_keys(value);
        self.debounce = debounce.unwrap_or(self.debounce);
        self.client_settings = value;
        problems
    }

    /// The configuration of a document (`None`: not a file) and what was wrong with it, each
    /// problem naming where it comes from. Reads the file system: call it off the executor.
    pub fn config_for(&self, path: Option<&Path>) -> (Config, Vec<String>) {
        let mut config = Config::lsp_default();
        let mut problems = Vec::new();
        let dir = path.and_then(Path::parent).or(self.root.as_deref());
        // The folder a relative `names_file` is read from: the one of whoever named it last.
        let mut names_base = self.root.clone().or_else(|| dir.map(Path::to_owned));
        if let Some(file) = dir.and_then(find_config_file) {
            let found = match std::fs::read_to_string(&file) {
                Ok(text) => config.merge_toml(&text),
                Err(e) => vec![format!("cannot read it: {e}")],
            };
            problems.extend(found.into_iter().map(|p| format!("{}: {p}", file.display())));
            if config.names_file.is_some() {
                names_base = file.parent().map(Path::to_owned);
            }
        }
        for (origin, value) in [
            ("initializationOptions", &self.init_options),
            ("settings", &self.client_settings),
        ] {
            problems.extend(config.merge_json(value).into_iter().map(|p| format!("{origin}: {p}")));
            if names_file_key(value) {
                names_base = self.root.clone().or_else(|| dir.map(Path::to_owned));
            }
        }
        if let Some(configured) = config.names_file.as_deref() {
            let base = names_base.unwrap_or_default();
            match self.names_file(&NamesFile::resolve(configured, &base)) {
                Ok(names) => config.names = names,
                Err(e) => problems.push(e),
            }
        }
        (config, problems)
    }

    /// The parsed names file at `path`, from the cache while the file is unchanged.
    fn names_file(&self, path: &Path) -> Result<Arc<NamesFile>, String> {
        let stamp = std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()));
        let mut cache = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some((len, modified)), Some(Some((l, m, names)))) = (stamp, cache.get(path))
            && (len, modified) == (*l, *m)
        {
            return Ok(Arc::clone(names));
        }
        cache.insert(path.to_owned(), None);
        let names = Arc::new(NamesFile::read(path)?);
        if let Some((len, modified)) = stamp {
            cache.insert(path.to_owned(), Some((len, modified, Arc::clone(&names))));
        }
        Ok(names)
    }

    /// Is `path` a names file some configuration asked for? Saving or changing one reloads the
    /// configuration.
    pub fn is_names_file(&self, path: &Path) -> bool {
        let cache = self.names.lock().unwrap_or_else(|e| e.into_inner());
        cache.contains_key(path)
    }
}

/// The nearest `copydesk.toml` from `dir` upward.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(config::FILE_NAME)).find(|p| p.is_file())
}

/// Does a settings object set `names_file` (at the top level or under `copydesk`)?
fn names_file_key(value: &Value) -> bool {
    value.get("names_file").is_some() || value.get("copydesk").and_then(|c| c.get("names_file")).is_some()
}

/// Removes the server-only keys (at the top level or under `copydesk`) from a settings object.
fn split_server_keys(mut value: Value) -> (Value, Option<Duration>, Vec<String>) {
    let mut debounce = None;
    let mut problems = Vec::new();
    let mut take = |obj: Option<&mut serde_json::Map<String, Value>>| {
        let Some(v) = obj.and_then(|o| o.remove(DEBOUNCE_KEY)) else {
            return;
        };
        match v.as_u64() {
            Some(ms) => debounce = Some(Duration::from_millis(ms.min(10_000))),
            None => problems.push(format!(
                "`{DEBOUNCE_KEY}`: expected a number of milliseconds, got {v}; using the default"
            )),
        }
    };
    take(value.as_object_mut());
    take(value.get_mut("copydesk").and_then(Value::as_object_mut));
    (value, debounce, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CheckOn;
    use crate::lang::Lang;
    use serde_json::json;

    #[test]
    fn client_settings_override_init_options_and_the_file() {
        let dir = std::env::temp_dir().join(format!("copydesk-settings-{}", std::process::id()));
        let sub = dir.join("desk");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.join("copydesk.toml"),
            "language = \"fr\"\ncheck_on = \"save\"\nbogus = 1\n",
        )
        .unwrap();
        let mut s = Settings::default();
        assert!(
            s.set_init_options(json!({"language": "en", "debounce_ms": 0}))
                .is_empty()
        );
        assert_eq!(s.debounce, Duration::ZERO);
        assert!(
            s.set_client_settings(json!({"copydesk": {"check_on": "type"}}))
                .is_empty()
        );
        let (c, problems) = s.config_for(Some(&sub.join("article.md")));
        assert_eq!(c.language, Some(Lang::En));
        assert_eq!(c.check_on, CheckOn::Type);
        assert!(c.date_fallback_today);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("copydesk.toml") && problems[0].contains("bogus"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_names_file_is_read_from_where_it_was_named() {
        let dir = std::env::temp_dir().join(format!("copydesk-settings-names-{}", std::process::id()));
        let desk = dir.join("desk");
        std::fs::create_dir_all(desk.join("house")).unwrap();
        std::fs::write(desk.join("copydesk.toml"), "names_file = \"house/names.toml\"\n").unwrap();
        std::fs::write(
            desk.join("house/names.toml"),
            "[[name]]\nname = \"Teodor Vasquelin\"\ntype = \"person\"\n",
        )
        .unwrap();
        std::fs::write(dir.join("root-names.csv"), "name\nLiora Pemberton-Ash\n").unwrap();
        let article = desk.join("article.md");
        let mut s = Settings {
            root: Some(dir.clone()),
            ..Settings::default()
        };
        let (c, problems) = s.config_for(Some(&article));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.names.entries[0].name, "Teodor Vasquelin");
        // Named by the client: from the workspace root.
        s.set_client_settings(json!({"names_file": "root-names.csv"}));
        let (c, problems) = s.config_for(Some(&article));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.names.entries[0].name, "Liora Pemberton-Ash");
        s.set_client_settings(json!({"copydesk": {"names_file": "gone.toml"}}));
        let (c, problems) = s.config_for(Some(&article));
        assert!(c.names.is_empty());
        assert!(s.is_names_file(&dir.join("gone.toml")) && s.is_names_file(&desk.join("house/names.toml")));
        assert!(
            problems.len() == 1 && problems[0].contains("gone.toml") && problems[0].contains("not found"),
            "{problems:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_debounce_is_a_message_and_the_default() {
        let mut s = Settings::default();
        let problems = s.set_init_options(json!({"debounce_ms": "soon"}));
        assert_eq!(problems.len(), 1);
        assert_eq!(s.debounce, DEFAULT_DEBOUNCE);
        let (_, problems) = s.config_for(None);
        assert!(
            problems.is_empty(),
            "debounce_ms never reaches the shared keys: {problems:?}"
        );
    }
}
