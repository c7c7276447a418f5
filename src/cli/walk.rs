//! Turning `check`'s PATH arguments into the list of files to check, in a stable order.
//!
//! A file named on the command line is always checked, whatever its extension and whether or not
//! a `.gitignore` lists it (the user asked for it). A folder is walked with the `ignore` crate:
//! `.gitignore`, `.ignore` and hidden files are honoured (even outside a Git repository, so a
//! newsroom folder behaves the same before and after `git init`), and only articles are kept
//! (`.md`, `.markdown`, `.txt`). Siblings are visited in file-name order, so the output of two runs
//! over the same tree is identical.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// The extensions a walked folder contributes.
pub(crate) const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// The files to check, and one message per path that could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub files: Vec<PathBuf>,
    pub errors: Vec<String>,
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// Expands PATH arguments: files as given, folders walked. The order is the arguments' order, and
/// inside a folder the walk's (sorted by name, depth first). A file reached twice is listed once.
pub(crate) fn collect(paths: &[PathBuf]) -> Walked {
    let mut out = Walked::default();
    let mut seen = HashSet::new();
    let mut push = |out: &mut Walked, p: PathBuf| {
        if seen.insert(p.clone()) {
            out.files.push(p);
        }
    };
    for root in paths {
        if !root.is_dir() {
            // A missing file is reported when it is read, with the reason from the system.
            push(&mut out, root.clone());
            continue;
        }
        let walker = WalkBuilder::new(root)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                    if is_file && e.depth() > 0 && is_article(e.path()) && !e.path().is_dir() {
                        push(&mut out, e.into_path());
                    }
                }
                Err(err) => out.errors.push(walk_error(root, &err)),
            }
        }
    }
    out
}

fn walk_error(root: &Path, err: &ignore::Error) -> String {
    // `ignore`'s errors already name the path they concern when they have one.
    let text = err.to_string();
    if text.contains(&*root.to_string_lossy()) {
        text
    } else {
        format!("{}: {text}", root.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_extensions() {
        assert!(is_article(Path::new("a/b.md")));
        assert!(is_article(Path::new("a/b.MARKDOWN")));
        assert!(is_article(Path::new("b.txt")));
        assert!(!is_article(Path::new("b.rs")));
        assert!(!is_article(Path::new("README")));
    }
}
