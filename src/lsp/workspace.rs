//! `copydesk.checkWorkspace`: every article under the workspace root, in the background.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tower_lsp_server::ls_types::MessageType;

use crate::text::Encoding;

use super::session::{self, Publish, Session};
use super::settings::Settings;

/// The extensions checked, as `copydesk check` walks folders.
const EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Starts a workspace check; the command answers at once and the diagnostics follow.
pub fn spawn_check(session: Arc<Session>) {
    tokio::spawn(async move {
        let Some(root) = session.root() else {
            let msg = "copydesk: no workspace folder to check";
            session.client.show_message(MessageType::WARNING, msg).await;
            return;
        };
        let (settings, enc) = (session.settings(), session.encoding());
        let done = tokio::task::spawn_blocking(move || check_tree(&root, &settings, enc)).await;
        let Ok((published, skipped)) = done else {
            session.log(MessageType::ERROR, "the workspace check failed").await;
            return;
        };
        let files = published.len();
        let findings: usize = published.iter().map(|p| p.diagnostics.len()).sum();
        for p in published {
            // Open documents have their own, fresher diagnostics.
            if !session.is_open(&p.uri) {
                session.enqueue(p);
            }
        }
        for (path, why) in skipped {
            session
                .log(MessageType::WARNING, format!("{}: {why}; not checked", path.display()))
                .await;
        }
        let msg = format!("copydesk: checked {files} files, {findings} findings");
        session.client.show_message(MessageType::INFO, msg).await;
    });
}

/// Articles under `root`, honouring `.gitignore` (even outside a git repository), sorted.
pub fn articles(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| is_article(p))
        .collect();
    found.sort();
    found
}

/// Is this the name of an article (`.md`, `.markdown`, `.txt`)?
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

type Checked = (Vec<Publish>, Vec<(PathBuf, String)>);

fn check_tree(root: &Path, settings: &Settings, enc: Encoding) -> Checked {
    let results: Vec<_> = articles(root)
        .into_par_iter()
        .map(|path| session::check_file(&path, settings, enc).map_err(|why| (path, why)))
        .collect();
    let mut checked = (Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok(p) => checked.0.push(p),
            Err(e) => checked.1.push(e),
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_articles_and_honours_gitignore() {
        let dir = std::env::temp_dir().join(format!("copydesk-ws-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("drafts")).unwrap();
        std::fs::write(dir.join(".gitignore"), "drafts/\n").unwrap();
        std::fs::write(dir.join("a.md"), "The the end.\n").unwrap();
        std::fs::write(dir.join("b.TXT"), "Fine.\n").unwrap();
        std::fs::write(dir.join("c.rs"), "fn main() {}\n").unwrap();
        std::fs::write(dir.join("drafts/d.md"), "Hidden.\n").unwrap();
        std::fs::write(dir.join("bin.md"), b"a\0b").unwrap();
        let names: Vec<_> = articles(&dir)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.md", "b.TXT", "bin.md"]);
        let (published, skipped) = check_tree(&dir, &Settings::default(), Encoding::Utf16);
        assert_eq!(published.len(), 2);
        assert_eq!(skipped.len(), 1, "the binary file is skipped with a reason");
        let a = published.iter().find(|p| p.uri.as_str().ends_with("a.md")).unwrap();
        assert!(
            a.diagnostics.iter().any(|d| d.message.contains("twice")),
            "{:?}",
            a.diagnostics
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
