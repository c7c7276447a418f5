//! `copydesk.toml`, LSP `initializationOptions` and `workspace/didChangeConfiguration`: one set of
//! keys (see the contract), parsed leniently. A bad key or value yields a message and the default
//! for that key; the rest still applies. Parsing is pure: reading the file is the caller's job.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use crate::analysis::Severity;
use crate::lang::Lang;

/// The configuration's file name, looked up from a file's folder upward.
pub const FILE_NAME: &str = "copydesk.toml";

/// When the editor re-checks a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CheckOn {
    /// On every change, debounced.
    #[default]
    Type,
    Save,
}

/// Which language findings are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Messages {
    /// The article's own language.
    #[default]
    Article,
    Fixed(Lang),
}

/// A rule's configured severity: a level, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// The merged configuration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// `None`: detect.
    pub language: Option<Lang>,
    pub date: Option<NaiveDate>,
    /// LSP only: with no date anywhere, use today's (a draft is written today).
    pub date_fallback_today: bool,
    pub check_on: CheckOn,
    pub messages: Messages,
    pub names_file: Option<String>,
    /// The newsroom's names, parsed by the front end from the file at `names_file` with
    /// [`crate::kb::NamesFile::parse`] (the core reads no files). Empty when there is none.
    pub names: std::sync::Arc<crate::kb::NamesFile>,
    pub ignore: Vec<String>,
    pub rules: BTreeMap<String, RuleLevel>,
    /// Extra lexicon entries: list name (`speech_verbs`) -> language -> entries.
    pub lexicon: BTreeMap<String, BTreeMap<Lang, Vec<String>>>,
}

impl Config {
    /// The defaults of the CLI (no "today" fallback).
    pub fn cli_default() -> Config {
        Config::default()
    }

    /// The defaults of the language server (`date_fallback = "today"`).
    pub fn lsp_default() -> Config {
        Config {
            date_fallback_today: true,
            ..Config::default()
        }
    }

    /// Parses TOML text and merges it over `self`; returns messages about what was ignored.
    pub fn merge_toml(&mut self, text: &str) -> Vec<String> {
        match toml::from_str::<toml::Table>(text) {
            Ok(table) => match serde_json::to_value(table) {
                Ok(v) => self.merge_json(&v),
                Err(e) => vec![format!("cannot read the configuration: {e}")],
            },
            Err(e) => vec![format!("invalid TOML: {}", e.message())],
        }
    }

    /// Merges a JSON object of configuration keys over `self`; returns messages about what was
    /// ignored. Accepts the keys at the top level or under a `copydesk` object (VS Code sends
    /// settings sections that way).
    pub fn merge_json(&mut self, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(map) = value.as_object() else {
            if !value.is_null() {
                problems.push("the configuration must be an object of keys".to_owned());
            }
            return problems;
        };
        if let Some(inner) = map.get("copydesk").filter(|v| v.is_object()) {
            problems.extend(self.merge_json(inner));
        }
        for (key, v) in map {
            let bad = |what: &str| format!("`{key}`: {what}, got {v}; using the default");
            match key.as_str() {
                "copydesk" => {}
                "language" | "lang" => match v.as_str() {
                    Some("auto") | Some("") => self.language = None,
                    Some(s) if Lang::parse(s).is_some() => self.language = Lang::parse(s),
                    _ => problems.push(bad("expected \"auto\", \"en\" or \"fr\"")),
                },
                "date" => match v.as_str().map(str::trim) {
                    Some("") => self.date = None,
                    Some(s) => match parse_date(s) {
                        Some(d) => self.date = Some(d),
                        None => problems.push(bad("expected a date as YYYY-MM-DD")),
                    },
                    None if v.is_null() => self.date = None,
                    None => problems.push(bad("expected a date as YYYY-MM-DD")),
                },
                "date_fallback" => match v.as_str() {
                    Some("today") => self.date_fallback_today = true,
                    Some("none") => self.date_fallback_today = false,
                    _ => problems.push(bad("expected \"today\" or \"none\"")),
                },
                "check_on" => match v.as_str() {
                    Some("type") => self.check_on = CheckOn::Type,
                    Some("save") => self.check_on = CheckOn::Save,
                    _ => problems.push(bad("expected \"type\" or \"save\"")),
                },
                "messages" => match v.as_str() {
                    Some("article") => self.messages = Messages::Article,
                    Some(s) if Lang::parse(s).is_some() => {
                        self.messages = Messages::Fixed(Lang::parse(s).unwrap_or_default())
                    }
                    _ => problems.push(bad("expected \"article\", \"en\" or \"fr\"")),
                },
                "names_file" => match v.as_str() {
                    Some("") => self.names_file = None,
                    Some(s) => self.names_file = Some(s.to_owned()),
                    None if v.is_null() => self.names_file = None,
                    None => problems.push(bad("expected a path")),
                },
                "ignore" => match v.as_array() {
                    Some(items) => {
                        self.ignore.clear();
                        for item in items {
                            match item.as_str() {
                                Some(code) => self.ignore.push(code.to_owned()),
                                None => problems.push(format!("`ignore`: {item} is not a rule code")),
                            }
                        }
                    }
                    None => problems.push(bad("expected a list of rule codes")),
                },
                "rules" => match v.as_object() {
                    Some(rules) => {
                        for (code, setting) in rules {
                            // `[rules."x"] severity = "hint"` or the short `rules = { "x" = "hint" }`.
                            let level = setting.get("severity").unwrap_or(setting);
                            match level.as_str().and_then(parse_level) {
                                Some(l) => {
                                    self.rules.insert(code.clone(), l);
                                }
                                None => problems.push(format!(
                                    "`rules.{code}.severity`: expected error, warning, information, hint or off, got {level}"
                                )),
                            }
                        }
                    }
                    None => problems.push(bad("expected a table of rule codes")),
                },
                "lexicon" => match v.as_object() {
                    Some(lists) => {
                        for (list, by_lang) in lists {
                            let Some(by_lang) = by_lang.as_object() else {
                                problems.push(format!("`lexicon.{list}`: expected {{ en = [...], fr = [...] }}"));
                                continue;
                            };
                            for (l, words) in by_lang {
                                let (Some(lang), Some(words)) = (Lang::parse(l), words.as_array()) else {
                                    problems.push(format!("`lexicon.{list}.{l}`: expected a list for en or fr"));
                                    continue;
                                };
                                let words = words.iter().filter_map(|w| w.as_str().map(str::to_owned)).collect();
                                self.lexicon.entry(list.clone()).or_default().insert(lang, words);
                            }
                        }
                    }
                    None => problems.push(bad("expected a table of word lists")),
                },
                _ => problems.push(format!("unknown key `{key}` ignored")),
            }
        }
        problems
    }

    /// The configured level of a rule, `None` when the configuration says nothing of it.
    pub fn rule_level(&self, code: &str) -> Option<RuleLevel> {
        if self.ignore.iter().any(|c| c == code) {
            return Some(RuleLevel::Off);
        }
        self.rules.get(code).copied()
    }

    /// Extra entries for a lexicon list in one language.
    pub fn lexicon(&self, list: &str, lang: Lang) -> &[String] {
        self.lexicon
            .get(list)
            .and_then(|m| m.get(&lang))
            .map_or(&[], Vec::as_slice)
    }
}

fn parse_level(s: &str) -> Option<RuleLevel> {
    if s.eq_ignore_ascii_case("off") || s.eq_ignore_ascii_case("none") {
        Some(RuleLevel::Off)
    } else {
        Severity::parse(s).map(RuleLevel::On)
    }
}

/// `2017-06-26`, or the date part of `2017-06-26T10:00:00+02:00` / `2017-06-26 10:00`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_matches(['"', '\'']);
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_keys_apply_and_bad_ones_are_reported() {
        let mut c = Config::lsp_default();
        let problems = c.merge_toml(
            r#"
language = "fr"
date = "2017-06-26"
check_on = "save"
messages = "en"
ignore = ["figure.style"]
colour = "blue"
date_fallback = "sometimes"
[rules."quote.unattributed"]
severity = "hint"
[rules."text.repeated"]
severity = "loud"
[lexicon]
speech_verbs = { en = ["quipped"], fr = ["a martelé"] }
"#,
        );
        assert_eq!(c.language, Some(Lang::Fr));
        assert_eq!(c.date, NaiveDate::from_ymd_opt(2017, 6, 26));
        assert_eq!(c.check_on, CheckOn::Save);
        assert_eq!(c.messages, Messages::Fixed(Lang::En));
        assert!(c.date_fallback_today, "a bad value keeps the default");
        assert_eq!(c.rule_level("quote.unattributed"), Some(RuleLevel::On(Severity::Hint)));
        assert_eq!(c.rule_level("figure.style"), Some(RuleLevel::Off));
        assert_eq!(c.lexicon("speech_verbs", Lang::Fr), ["a martelé"]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("colour")));
    }

    #[test]
    fn invalid_toml_is_a_message_not_a_crash() {
        let mut c = Config::cli_default();
        let problems = c.merge_toml("language = ");
        assert_eq!(problems.len(), 1);
        assert_eq!(c, Config::cli_default());
    }

    #[test]
    fn vscode_sections_nest_under_copydesk() {
        let mut c = Config::cli_default();
        let problems = c.merge_json(&serde_json::json!({"copydesk": {"language": "en", "date": "2020-01-02"}}));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.language, Some(Lang::En));
    }
}
