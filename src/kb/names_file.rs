//! The newsroom's names file: name, aliases, type, description, preferred spelling.
//!
//! Front ends resolve the configured path with [`NamesFile::resolve`], read it with
//! [`NamesFile::read`] (the one place that touches the disk; the core only sees the parsed
//! result, in [`crate::config::Config::names`]) or parse text they hold with [`NamesFile::parse`].
//! Three formats:
//!
//! ```toml
//! [[name]]
//! name = "Volodymyr Zelensky"
//! aliases = ["Zelensky", "Zelenskyy"]
//! type = "person"
//! description = "President of Ukraine"
//! preferred = "Zelensky"
//! ```
//! JSON: an array of the same objects, or `{"names": [...]}`. CSV: a header row naming the
//! columns `name,aliases,type,description,preferred` (aliases separated by `;` or `|`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Category, KbEntry, fold, parse_type};
use crate::analysis::extract::EntityType;

/// The format of a names file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamesFormat {
    Toml,
    Json,
    Csv,
}

impl NamesFormat {
    /// From the file name's extension (`.toml`, `.json`, `.csv`); `None` for anything else.
    pub fn from_path(path: &str) -> Option<NamesFormat> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(NamesFormat::Toml),
            "json" => Some(NamesFormat::Json),
            "csv" | "tsv" => Some(NamesFormat::Csv),
            _ => None,
        }
    }
}

/// One name the newsroom knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameEntry {
    pub name: String,
    /// Other spellings and short forms (surname, acronym) that denote the same entity.
    pub aliases: Vec<String>,
    pub kind: Option<EntityType>,
    pub description: Option<String>,
    /// The house spelling; defaults to `name`.
    pub preferred: Option<String>,
}

impl NameEntry {
    /// The spelling the newsroom wants.
    pub fn preferred(&self) -> &str {
        self.preferred.as_deref().unwrap_or(&self.name)
    }

    pub(crate) fn to_kb_entry(&self) -> KbEntry {
        let d = self.description.clone().unwrap_or_default();
        KbEntry {
            name: self.preferred().to_owned(),
            name_fr: None,
            kind: self.kind.unwrap_or(EntityType::Other),
            category: Category::House,
            country: None,
            population: 0,
            acronyms: self
                .aliases
                .iter()
                .filter(|a| a.len() >= 2 && a.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
                .cloned()
                .collect(),
            aliases: self.aliases.iter().map(|a| fold(a)).collect(),
            known: false,
            common_word: false,
            description_en: d.clone(),
            description_fr: d,
            preferred: self.preferred.clone().or_else(|| Some(self.name.clone())),
        }
    }
}

/// The parsed names file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamesFile {
    pub entries: Vec<NameEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    name: String,
    #[serde(default)]
    aliases: Aliases,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, alias = "preferred_spelling", alias = "spelling")]
    preferred: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Aliases {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Aliases {
    fn into_vec(self) -> Vec<String> {
        match self {
            Aliases::None => Vec::new(),
            Aliases::One(s) => split_aliases(&s),
            Aliases::Many(v) => v
                .into_iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect(),
        }
    }
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split([';', '|'])
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

#[derive(Deserialize)]
struct TomlFile {
    #[serde(default, alias = "names")]
    name: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonFile {
    List(Vec<RawEntry>),
    Object { names: Vec<RawEntry> },
}

fn opt(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl NamesFile {
    /// Parses a names file's text. Errors are one-line messages for the user.
    pub fn parse(text: &str, format: NamesFormat) -> Result<NamesFile, String> {
        let raw: Vec<RawEntry> = match format {
            NamesFormat::Toml => {
                toml::from_str::<TomlFile>(text)
                    .map_err(|e| format!("names file: {}", e.message()))?
                    .name
            }
            NamesFormat::Json => {
                match serde_json::from_str::<JsonFile>(text).map_err(|e| format!("names file: {e}"))? {
                    JsonFile::List(v) | JsonFile::Object { names: v } => v,
                }
            }
            NamesFormat::Csv => {
                let delimiter = if text.lines().next().is_some_and(|l| l.contains('\t')) {
                    b'\t'
                } else {
                    b','
                };
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .trim(csv::Trim::All)
                    .flexible(true)
                    .from_reader(text.as_bytes());
                let headers: Vec<String> = r
                    .headers()
                    .map_err(|e| format!("names file: {e}"))?
                    .iter()
                    .map(|h| h.to_lowercase())
                    .collect();
                let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
                let name_col = col(&["name", "nom"]).ok_or("names file: the CSV has no `name` column")?;
                let (aliases, kind, description, preferred) = (
                    col(&["aliases", "alias"]),
                    col(&["type", "kind"]),
                    col(&["description"]),
                    col(&["preferred", "preferred_spelling", "spelling"]),
                );
                let mut out = Vec::new();
                for rec in r.records() {
                    let rec = rec.map_err(|e| format!("names file: {e}"))?;
                    let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::to_owned);
                    out.push(RawEntry {
                        name: get(Some(name_col)).unwrap_or_default(),
                        aliases: get(aliases).map_or(Aliases::None, Aliases::One),
                        kind: get(kind),
                        description: get(description),
                        preferred: get(preferred),
                    });
                }
                out
            }
        };
        let mut entries = Vec::new();
        for r in raw {
            let name = r.name.trim().to_owned();
            if name.is_empty() {
                continue;
            }
            let kind = match opt(r.kind) {
                Some(k) => Some(parse_type(&k).ok_or_else(|| format!("names file: {name}: unknown type {k:?}"))?),
                None => None,
            };
            entries.push(NameEntry {
                name,
                aliases: r.aliases.into_vec(),
                kind,
                description: opt(r.description),
                preferred: opt(r.preferred),
            });
        }
        Ok(NamesFile { entries })
    }

    /// Where the configured `names_file` is: an absolute path as is, a relative one (and `~/`)
    /// from `base` (the folder of the `copydesk.toml` that names it, or the workspace root).
    pub fn resolve(configured: &str, base: &Path) -> PathBuf {
        let configured = configured.trim();
        if let Some(rest) = configured.strip_prefix("~/")
            && let Some(home) = std::env::var_os("HOME")
        {
            return Path::new(&home).join(rest);
        }
        base.join(configured)
    }

    /// Reads and parses the names file at `path` (an edge helper for the front ends). Errors are
    /// one-line messages naming the file and the cause: missing, unreadable, unknown format or
    /// invalid content.
    pub fn read(path: &Path) -> Result<NamesFile, String> {
        let shown = path.display();
        let format = NamesFormat::from_path(&path.to_string_lossy())
            .ok_or_else(|| format!("names file {shown}: unknown format (the name must end in .toml, .json or .csv)"))?;
        let bytes = std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("names file {shown}: not found; no house spellings apply"),
            _ => format!("names file {shown}: cannot read it ({e}); no house spellings apply"),
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("names file {shown}: not UTF-8 text; no house spellings apply"))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        NamesFile::parse(text, format).map_err(|e| {
            let why = e.strip_prefix("names file: ").unwrap_or(&e);
            format!("names file {shown}: {why}; no house spellings apply")
        })
    }

    /// The entry whose name, preferred spelling or alias is `name` (accents and case ignored).
    pub fn lookup(&self, name: &str) -> Option<&NameEntry> {
        if self.entries.is_empty() {
            return None;
        }
        let key = fold(name);
        let words: Vec<&str> = key.split(' ').collect();
        self.entries.iter().find(|e| {
            let full = fold(&e.name);
            if full == key
                || e.preferred.as_deref().is_some_and(|p| fold(p) == key)
                || e.aliases.iter().any(|a| fold(a) == key)
            {
                return true;
            }
            // The full name with the surname written as an alias: "Volodymyr Zelenskyy".
            let full_words: Vec<&str> = full.split(' ').collect();
            words.len() == full_words.len()
                && words.len() > 1
                && words[..words.len() - 1] == full_words[..full_words.len() - 1]
                && e.aliases.iter().any(|a| fold(a) == words[words.len() - 1])
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_formats_alike() {
        let toml = r#"
[[name]]
name = "Volodymyr Zelensky"
aliases = ["Zelensky", "Zelenskyy"]
type = "person"
description = "President of Ukraine"
preferred = "Zelensky"

[[name]]
name = "Agence Lumière"
aliases = "AL; Lumière"
type = "organisation"
"#;
        let json = r#"{"names": [
 {"name": "Volodymyr Zelensky", "aliases": ["Zelensky", "Zelenskyy"], "type": "person",
  "description": "President of Ukraine", "preferred": "Zelensky"},
 {"name": "Agence Lumière", "aliases": "AL; Lumière", "type": "organisation"}]}"#;
        let csv = "name,aliases,type,description,preferred\n\
\"Volodymyr Zelensky\",Zelensky;Zelenskyy,person,\"President of Ukraine\",Zelensky\n\
Agence Lumière,AL|Lumière,organisation,,\n";
        let a = NamesFile::parse(toml, NamesFormat::Toml).unwrap();
        let b = NamesFile::parse(json, NamesFormat::Json).unwrap();
        let c = NamesFile::parse(csv, NamesFormat::Csv).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.entries[0].preferred(), "Zelensky");
        assert_eq!(a.entries[1].kind, Some(EntityType::Organization));
        assert_eq!(
            a.lookup("zelenskyy").map(|e| e.name.as_str()),
            Some("Volodymyr Zelensky")
        );
        assert_eq!(NamesFormat::from_path("house/names.CSV"), Some(NamesFormat::Csv));
    }

    #[test]
    fn bad_files_say_why() {
        assert!(
            NamesFile::parse("[[name]]\nname = \"X\"\ntype = \"planet\"\n", NamesFormat::Toml)
                .unwrap_err()
                .contains("unknown type")
        );
        assert!(NamesFile::parse("nom_propre\nX\n", NamesFormat::Csv).is_err());
        assert!(NamesFile::parse("{", NamesFormat::Json).is_err());
    }

    #[test]
    fn reading_says_which_file_and_why() {
        let dir = std::env::temp_dir().join(format!("copydesk-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = NamesFile::read(&dir.join("absent.toml")).unwrap_err();
        assert!(
            missing.contains("absent.toml") && missing.contains("not found"),
            "{missing}"
        );
        let odd = NamesFile::read(&dir.join("names.yaml")).unwrap_err();
        assert!(odd.contains("unknown format"), "{odd}");
        std::fs::write(dir.join("bad.json"), "{").unwrap();
        let bad = NamesFile::read(&dir.join("bad.json")).unwrap_err();
        assert!(bad.starts_with("names file ") && bad.contains("bad.json"), "{bad}");
        std::fs::write(
            dir.join("ok.csv"),
            "\u{feff}name,preferred\nIrena Vostrikova,Irena Vostrikova\n",
        )
        .unwrap();
        let ok = NamesFile::read(&dir.join("ok.csv")).unwrap();
        assert_eq!(ok.entries[0].name, "Irena Vostrikova");
        assert_eq!(
            NamesFile::resolve("house/names.toml", Path::new("/desk")),
            Path::new("/desk/house/names.toml")
        );
        assert_eq!(
            NamesFile::resolve("/etc/names.toml", Path::new("/desk")),
            Path::new("/etc/names.toml")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
