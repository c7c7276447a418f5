//! Front matter: YAML between `---` lines or TOML between `+++` lines, at the very top of a file.

use yaml_rust2::{Yaml, YamlLoader};

/// What copydesk reads from front matter. Values are kept as written; callers validate them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `date:` as written (`2017-06-26`, `2017-06-26T10:00:00+02:00`…).
    pub date: Option<String>,
    /// `lang:` or `language:` as written.
    pub lang: Option<String>,
    /// Where the block ends (the byte after its closing line); 0 when there is none.
    pub end: usize,
    /// Byte offset where a `date:` line could be inserted (just before the closing fence), when
    /// there is front matter.
    pub insert_at: Option<usize>,
}

/// Parses the front matter at the top of `text`; returns it and the offset where the body starts.
pub fn parse(text: &str) -> (FrontMatter, usize) {
    let text_nobom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_nobom.len();
    for fence in ["---", "+++"] {
        let Some(rest) = text_nobom.strip_prefix(fence) else {
            continue;
        };
        let Some(after_open) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) else {
            continue;
        };
        let body_start = text.len() - after_open.len();
        let mut pos = body_start;
        for line in after_open.split_inclusive('\n') {
            if line.trim_end() == fence {
                let content = &text[body_start..pos];
                let end = pos + line.len();
                let mut fm = if fence == "---" {
                    from_yaml(content)
                } else {
                    from_toml(content)
                };
                fm.end = end;
                fm.insert_at = Some(pos);
                return (fm, end);
            }
            pos += line.len();
        }
    }
    let _ = bom;
    (FrontMatter::default(), 0)
}

fn from_yaml(content: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let Ok(docs) = YamlLoader::load_from_str(content) else {
        return fm;
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return fm;
    };
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let value = match v {
            Yaml::String(s) | Yaml::Real(s) => Some(s),
            Yaml::Integer(i) => Some(i.to_string()),
            _ => None,
        };
        match key {
            "date" => fm.date = value,
            "lang" | "language" => fm.lang = value,
            _ => {}
        }
    }
    fm
}

fn from_toml(content: &str) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let Ok(table) = content.parse::<toml::Table>() else {
        return fm;
    };
    let get = |k: &str| match table.get(k)? {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    };
    fm.date = get("date");
    fm.lang = get("lang").or_else(|| get("language"));
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml() {
        let (fm, end) = parse("---\ntitle: x\ndate: 2017-06-26\nlang: fr\n---\nBody");
        assert_eq!(
            (fm.date.as_deref(), fm.lang.as_deref()),
            (Some("2017-06-26"), Some("fr"))
        );
        assert_eq!(end, 43);
        let (fm, _) = parse("+++\ndate = 2017-06-26\nlang = \"en\"\n+++\nBody");
        assert_eq!(
            (fm.date.as_deref(), fm.lang.as_deref()),
            (Some("2017-06-26"), Some("en"))
        );
    }

    #[test]
    fn no_or_unclosed_front_matter_is_body() {
        assert_eq!(parse("Hello\n---\n").1, 0);
        assert_eq!(parse("---\ndate: 2017-01-01\nno end").1, 0);
        assert_eq!(parse("---\n: : bad yaml [\n---\nx").0.date, None);
    }
}
