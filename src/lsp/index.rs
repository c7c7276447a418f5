//! The workspace index: how each article of the workspace spells the names it mentions, for
//! `entity.workspace-spelling` and for the "Also in" line of a name's hover.
//!
//! Built once in the background after `initialized` ([`build`], on the blocking pool; bounded by
//! [`MAX_FILES`] and [`MAX_BYTES`]), then kept current by the session: an open document's entry
//! is replaced each time it is analysed (so saving updates it too), and a closed one is read
//! again from disk. The index is immutable behind an `Arc`: an analysis takes a snapshot of it,
//! and an update copies the map of `Arc`s (not the spellings).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::extract::EntityType;
use crate::analysis::extract::entities::similar::fold_word;
use crate::analysis::extract::entities::workspace::{OtherSpelling, spellings};
use crate::analysis::{self, Input};
use crate::lang::Lang;
use crate::markup::Format;

use super::settings::Settings;
use super::workspace;

/// At most this many articles are indexed (the first ones in path order).
pub const MAX_FILES: usize = 3000;

/// Larger files are not articles worth indexing (a dump, a book).
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// One name's word as one article writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spelled {
    name: Box<str>,
    kind: EntityType,
    lang: Lang,
    spelling: Box<str>,
    /// [`fold_word`] of the spelling, for the quick pre-selection.
    folded: Box<str>,
}

/// One article's entry.
#[derive(Debug)]
struct Article {
    /// The name shown in messages and hovers: the path relative to the workspace root.
    shown: String,
    spelled: Vec<Spelled>,
}

/// How every indexed article spells its names.
#[derive(Debug, Default, Clone)]
pub struct WorkspaceIndex {
    files: HashMap<PathBuf, Arc<Article>>,
}

impl WorkspaceIndex {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Sets an article's entry from its spellings (as [`spellings`] returns them); `true` when
    /// that changed what the index holds for it.
    pub fn insert(&mut self, path: PathBuf, shown: String, found: Vec<OtherSpelling>) -> bool {
        let spelled: Vec<Spelled> = found
            .into_iter()
            .map(|o| Spelled {
                folded: fold_word(&o.spelling).into(),
                name: o.name.into(),
                kind: o.kind,
                lang: o.lang,
                spelling: o.spelling.into(),
            })
            .collect();
        if self
            .files
            .get(&path)
            .is_some_and(|a| a.shown == shown && a.spelled == spelled)
        {
            return false;
        }
        self.files.insert(path, Arc::new(Article { shown, spelled }));
        true
    }

    /// Drops an article's entry; `true` when it had one.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.files.remove(path).is_some()
    }

    /// Keeps `other`'s entry for `path`, if it has one (an open document's, over the disk's).
    pub fn keep_from(&mut self, other: &WorkspaceIndex, path: &Path) {
        if let Some(a) = other.files.get(path) {
            self.files.insert(path.to_owned(), Arc::clone(a));
        }
    }

    /// The other articles' spellings that can matter to a document whose names use `words`
    /// (besides `except`, the document itself): those a comparison could match, that is with the
    /// same first letter (accents and case aside) and a length within two letters of one of the
    /// words. Sorted by file, so that messages name the same file every time.
    pub fn others(&self, except: Option<&Path>, words: &[OtherSpelling]) -> Vec<OtherSpelling> {
        let mut wanted: HashMap<char, Vec<usize>> = HashMap::new();
        for w in words {
            let folded = fold_word(&w.spelling);
            if let Some(first) = folded.chars().next() {
                wanted.entry(first).or_default().push(folded.chars().count());
            }
        }
        let mut files: Vec<(&PathBuf, &Arc<Article>)> =
            self.files.iter().filter(|(p, _)| Some(p.as_path()) != except).collect();
        files.sort_by(|a, b| a.1.shown.cmp(&b.1.shown));
        let mut out = Vec::new();
        for (_, article) in files {
            for s in &article.spelled {
                let Some(first) = s.folded.chars().next() else {
                    continue;
                };
                let len = s.folded.chars().count();
                if wanted
                    .get(&first)
                    .is_some_and(|ls| ls.iter().any(|l| l.abs_diff(len) <= 2))
                {
                    out.push(OtherSpelling {
                        name: s.name.to_string(),
                        kind: s.kind,
                        lang: s.lang,
                        spelling: s.spelling.to_string(),
                        file: article.shown.clone(),
                    });
                }
            }
        }
        out
    }
}

/// How a file is named in messages: relative to the workspace root when under it.
pub fn shown(path: &Path, root: Option<&Path>) -> String {
    root.and_then(|r| path.strip_prefix(r).ok())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Reads and analyses one article from disk for the index; `None` when it is too large, not
/// UTF-8 text, or unreadable (the workspace check reports those; the index just skips them).
pub fn read_article(path: &Path, settings: &Settings) -> Option<Vec<OtherSpelling>> {
    if std::fs::metadata(path).ok()?.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.contains(&0) {
        return None;
    }
    let text = String::from_utf8(bytes).ok()?;
    let (config, _) = settings.config_for(Some(path));
    let shown = shown(path, settings.root.as_deref());
    analysis::guard(&shown, || {
        let a = analysis::analyze(Input::new(&text, Format::from_path(&path.to_string_lossy()), &config));
        spellings(&a.doc, &a.facts.entities, &shown)
    })
}

/// Indexes the articles under `root` (honouring `.gitignore`, at most [`MAX_FILES`]). Blocking:
/// run it on the blocking pool. One file at a time: the editor's own analyses come first.
pub fn build(root: &Path, settings: &Settings) -> WorkspaceIndex {
    let mut index = WorkspaceIndex::default();
    for path in workspace::articles(root).into_iter().take(MAX_FILES) {
        if let Some(found) = read_article(&path, settings) {
            let name = shown(&path, Some(root));
            index.insert(path, name, found);
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_the_workspace_and_preselects_what_can_match() {
        let dir = std::env::temp_dir().join(format!("copydesk-index-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("desk")).unwrap();
        std::fs::write(
            dir.join("desk/monday.md"),
            "Senator Halvard Brennquist spoke in the chamber. Brennquist left early.\n",
        )
        .unwrap();
        std::fs::write(dir.join("big.md"), vec![b'a'; MAX_BYTES as usize + 1]).unwrap();
        let mut settings = Settings::default();
        settings.root = Some(dir.clone());
        let index = build(&dir, &settings);
        assert_eq!(index.len(), 1, "the oversized file is skipped");
        let word = |w: &str| OtherSpelling {
            name: String::new(),
            kind: EntityType::Person,
            lang: Lang::En,
            spelling: w.to_owned(),
            file: String::new(),
        };
        let found = index.others(None, &[word("Brenquist")]);
        assert!(
            found
                .iter()
                .any(|o| o.spelling == "Brennquist" && o.file == "desk/monday.md" && o.name == "Halvard Brennquist"),
            "{found:?}"
        );
        assert!(index.others(None, &[word("Zebulon")]).is_empty());
        let monday = dir.join("desk/monday.md");
        assert!(index.others(Some(&monday), &[word("Brenquist")]).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
