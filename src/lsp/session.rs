//! The server's state and its ordering discipline.
//!
//! - Everything lives behind one `std::sync::Mutex`, taken only in short synchronous sections and
//!   never held across an `.await`.
//! - Edits are applied inside the `didChange` handler before its first `.await`. tower-lsp-server
//!   starts handlers in arrival order, so the rope sees edits in the editor's order even though up
//!   to four handlers run at once.
//! - Analysis runs on a snapshot tagged with the document's version and the configuration's epoch,
//!   on tokio's blocking pool, debounced while typing. A newer run aborts the pending one.
//! - A result is kept (cached for hover and friends) and queued for publishing only if its
//!   version and epoch are still current when it comes back. The queue is drained by one task that
//!   checks again before sending, so diagnostics reach the client in version order and a stale
//!   result is never published.
//! - The workspace index ([`super::index`]) is a snapshot too: an analysis sees the index of its
//!   start, adds the workspace's findings under the same configuration, and on commit replaces
//!   the document's own entry. A freshly built index bumps its generation: older results are
//!   stale, and every open document is checked again against it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, MessageType, Uri};

use crate::analysis::extract::entities::workspace::{self as ws, OtherSpelling};
use crate::analysis::{self, Analysis, Input};
use crate::config::{CheckOn, Config};
use crate::lang::Lang;
use crate::markup::Format;
use crate::text::{Encoding, LineIndex};

use super::convert::{self, Positions};
use super::documents::{Applied, Change, EditError, TextDocument};
use super::index::{self, WorkspaceIndex};
use super::settings::Settings;

/// One analysed version of a document, shared by diagnostics, hover and every other feature.
#[derive(Debug)]
pub struct Analyzed {
    pub uri: Uri,
    pub version: i32,
    epoch: u64,
    pub format: Format,
    pub index: LineIndex,
    pub analysis: Analysis,
    pub enc: Encoding,
    pub diagnostics: Vec<lsp::Diagnostic>,
    /// The generation of the workspace index it was checked against.
    index_gen: u64,
    /// How the other articles of the workspace spell this document's names (for the hover).
    pub workspace: Vec<OtherSpelling>,
    /// This document's own spellings, for the index.
    own: Vec<OtherSpelling>,
}

impl Analyzed {
    pub fn text(&self) -> &str {
        &self.analysis.doc.text
    }

    pub fn positions(&self) -> Positions<'_> {
        Positions {
            text: self.text(),
            index: &self.index,
            enc: self.enc,
        }
    }
}

/// Why a document is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Opened, saved or reconfigured: at once.
    Now,
    /// Typed: after the debounce, unless `check_on = "save"`.
    Typed,
}

#[derive(Debug)]
struct OpenDoc {
    text: TextDocument,
    format: Format,
    path: Option<PathBuf>,
    /// Loaded on the first analysis of each configuration epoch.
    config: Option<(u64, Arc<Config>)>,
    analyzed: Option<Arc<Analyzed>>,
    pending: Option<AbortHandle>,
}

#[derive(Debug, Default)]
struct State {
    docs: HashMap<Uri, OpenDoc>,
    settings: Settings,
    enc: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): do not push them too.
    pull: bool,
    /// The client takes `workspace/diagnostic/refresh`.
    refresh: bool,
    /// Bumped whenever the configuration may have changed: older results are stale.
    epoch: u64,
    /// Configuration problems already shown, so each is shown once per epoch.
    reported: HashSet<String>,
    index: Arc<WorkspaceIndex>,
    /// Bumped when a new index is installed.
    index_gen: u64,
}

/// Everything needed to analyse one version off the executor.
struct Snapshot {
    uri: Uri,
    version: i32,
    epoch: u64,
    text: String,
    format: Format,
    path: Option<PathBuf>,
    config: Option<Arc<Config>>,
    settings: Settings,
    enc: Encoding,
    index: Arc<WorkspaceIndex>,
    index_gen: u64,
}

/// A diagnostics notification waiting in the publishing queue.
#[derive(Debug)]
pub struct Publish {
    pub uri: Uri,
    /// `None` for files that are not open (workspace check) and for clearing a closed document.
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp::Diagnostic>,
    /// The text was large: give the memory of serialising these back afterwards.
    pub large: bool,
}

impl Publish {
    /// Withdraws a document's diagnostics.
    pub fn clear(uri: &Uri) -> Publish {
        Publish {
            uri: uri.clone(),
            version: None,
            diagnostics: Vec::new(),
            large: false,
        }
    }
}

/// The outcome of a `didChange`.
#[derive(Debug)]
pub enum Changed {
    Applied(Applied),
    Failed(EditError),
    UnknownDocument,
}

#[derive(Debug)]
pub struct Session {
    pub client: Client,
    state: Mutex<State>,
    queue: mpsc::UnboundedSender<Publish>,
}

impl Session {
    /// Creates the session and starts its publishing task (call inside the tokio runtime).
    pub fn start(client: Client) -> Arc<Session> {
        let (queue, rx) = mpsc::unbounded_channel();
        let session = Arc::new(Session {
            client,
            state: Mutex::default(),
            queue,
        });
        tokio::spawn(publisher(Arc::downgrade(&session), rx));
        session
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written in a way that
        // matters more than stopping would: keep serving.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn configure(&self, enc: Encoding, pull: bool, root: Option<PathBuf>, init: serde_json::Value) -> Vec<String> {
        let mut st = self.lock();
        st.enc = enc;
        st.pull = pull;
        st.settings.root = root;
        st.settings.set_init_options(init)
    }

    pub fn set_refresh_support(&self, refresh: bool) {
        self.lock().refresh = refresh;
    }

    pub fn encoding(&self) -> Encoding {
        self.lock().enc
    }

    pub fn root(&self) -> Option<PathBuf> {
        self.lock().settings.root.clone()
    }

    pub fn settings(&self) -> Settings {
        self.lock().settings.clone()
    }

    pub fn is_open(&self, uri: &Uri) -> bool {
        self.lock().docs.contains_key(uri)
    }

    pub fn open(&self, uri: Uri, text: &str, version: i32, language_id: &str) {
        let path = uri.to_file_path().map(|p| p.into_owned());
        let format = match Format::from_language_id(language_id) {
            Format::PlainText => Format::from_path(uri.as_str()),
            f => f,
        };
        let doc = OpenDoc {
            text: TextDocument::new(text, version),
            format,
            path,
            config: None,
            analyzed: None,
            pending: None,
        };
        if let Some(old) = self.lock().docs.insert(uri, doc) {
            abort(old.pending);
        }
    }

    /// Applies one `didChange`, synchronously. Call before any `.await` of the handler.
    pub fn change(&self, uri: &Uri, version: i32, changes: &[Change]) -> Changed {
        let mut st = self.lock();
        let enc = st.enc;
        let Some(doc) = st.docs.get_mut(uri) else {
            return Changed::UnknownDocument;
        };
        doc.analyzed = None;
        match doc.text.apply(changes, version, enc) {
            Ok(a) => Changed::Applied(a),
            Err(e) => {
                abort(doc.pending.take());
                Changed::Failed(e)
            }
        }
    }

    /// Forgets a document; its index entry is read again from disk (the editor may have
    /// dropped unsaved changes).
    pub fn close(self: &Arc<Self>, uri: &Uri) {
        let closed = self.lock().docs.remove(uri);
        self.enqueue(Publish::clear(uri));
        let Some(doc) = closed else { return };
        abort(doc.pending);
        if let Some(path) = doc.path {
            let session = Arc::clone(self);
            tokio::spawn(async move { session.reindex(vec![path]).await });
        }
    }

    /// Prepares the analysis of the workspace's language (both when it is not configured) in
    /// the background, so that the first document opened is not the one paying for it.
    pub fn warm_up(&self) {
        let settings = self.settings();
        tokio::task::spawn_blocking(move || match settings.config_for(None).0.language {
            Some(lang) => analysis::warm_up(&[lang]),
            None => analysis::warm_up(&[Lang::En, Lang::Fr]),
        });
    }

    /// Indexes the workspace in the background (after `initialized`): every open document is
    /// then checked again against it. Edits are never blocked: the walk runs on the blocking
    /// pool, and the state's lock is taken only to install the result.
    pub fn index_workspace(self: &Arc<Self>) {
        let Some(root) = self.root() else { return };
        let settings = self.settings();
        let session = Arc::clone(self);
        tokio::spawn(async move {
            let built = tokio::task::spawn_blocking(move || index::build(&root, &settings)).await;
            let Ok(fresh) = built else {
                session.log(MessageType::ERROR, "indexing the workspace failed").await;
                return;
            };
            let n = fresh.len();
            for uri in session.install_index(fresh) {
                session.schedule(uri, Trigger::Now);
            }
            session
                .log(
                    MessageType::INFO,
                    format!("indexed the names of {n} workspace articles"),
                )
                .await;
        });
    }

    /// Installs a freshly built index, keeping the open documents' own (fresher) entries;
    /// returns the open documents, to check again.
    fn install_index(&self, mut fresh: WorkspaceIndex) -> Vec<Uri> {
        let mut st = self.lock();
        let State {
            docs, index, index_gen, ..
        } = &mut *st;
        for d in docs.values_mut() {
            if let Some(p) = &d.path {
                fresh.keep_from(index, p);
            }
            d.analyzed = None;
        }
        *index = Arc::new(fresh);
        *index_gen += 1;
        docs.keys().cloned().collect()
    }

    /// Reads files that are not open again into the index (closed, or changed on disk); a
    /// file that is gone or no longer an article leaves it. Open documents keep their entry,
    /// and are checked again when the index changed.
    pub async fn reindex(self: &Arc<Self>, paths: Vec<PathBuf>) {
        let settings = self.settings();
        let read = tokio::task::spawn_blocking(move || {
            paths
                .into_iter()
                .map(|p| {
                    let found = index::read_article(&p, &settings);
                    (p, found)
                })
                .collect::<Vec<_>>()
        })
        .await;
        let Ok(read) = read else { return };
        let recheck = {
            let mut st = self.lock();
            let State {
                docs, index, settings, ..
            } = &mut *st;
            let open: HashSet<&PathBuf> = docs.values().filter_map(|d| d.path.as_ref()).collect();
            let index = Arc::make_mut(index);
            let mut changed = false;
            for (path, found) in read {
                if open.contains(&path) {
                    continue;
                }
                changed |= match found {
                    Some(found) => {
                        let shown = index::shown(&path, settings.root.as_deref());
                        index.insert(path, shown, found)
                    }
                    None => index.remove(&path),
                };
            }
            let mut recheck = Vec::new();
            if changed {
                for (uri, d) in docs.iter_mut() {
                    if d.analyzed.take().is_some() {
                        recheck.push(uri.clone());
                    }
                }
            }
            recheck
        };
        for uri in recheck {
            self.schedule(uri, Trigger::Typed);
        }
    }

    /// The server's copy of a document (`copydesk/debugText`): version, text, in sync.
    pub fn text_of(&self, uri: &Uri) -> Option<(i32, String, bool)> {
        let st = self.lock();
        let d = st.docs.get(uri)?;
        Some((d.text.version(), d.text.text(), d.text.in_sync()))
    }

    /// New client settings: every open document is checked again under the new configuration.
    pub fn reconfigure(self: &Arc<Self>, settings: Option<serde_json::Value>) -> Vec<String> {
        let (uris, problems, refresh) = {
            let mut st = self.lock();
            let problems = settings.map(|s| st.settings.set_client_settings(s)).unwrap_or_default();
            st.epoch += 1;
            st.reported.clear();
            for d in st.docs.values_mut() {
                d.config = None;
                d.analyzed = None;
            }
            (
                st.docs.keys().cloned().collect::<Vec<_>>(),
                problems,
                st.pull && st.refresh,
            )
        };
        if refresh {
            let client = self.client.clone();
            // A request to the client: never awaited by the notification handler itself.
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
        for uri in uris {
            self.schedule(uri, Trigger::Now);
        }
        problems
    }

    /// Schedules a check of a document, superseding any pending one.
    pub fn schedule(self: &Arc<Self>, uri: Uri, trigger: Trigger) {
        let mut st = self.lock();
        let (pull, debounce) = (st.pull, st.settings.debounce);
        let Some(doc) = st.docs.get_mut(&uri) else { return };
        let save_only = doc.config.as_ref().is_some_and(|(_, c)| c.check_on == CheckOn::Save);
        if pull || !doc.text.in_sync() || (trigger == Trigger::Typed && save_only) {
            return;
        }
        abort(doc.pending.take());
        let delay = (trigger == Trigger::Typed && !debounce.is_zero()).then_some(debounce);
        let session = Arc::clone(self);
        let task = tokio::spawn(async move {
            if let Some(d) = delay {
                tokio::time::sleep(d).await;
            }
            session.analysis(&uri).await;
        });
        doc.pending = Some(task.abort_handle());
    }

    /// The analysis of a document's current version: the cached one when current, otherwise a
    /// fresh one (off the executor). `None` for an unknown or out-of-sync document.
    pub async fn analysis(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Analyzed>> {
        let snap = match self.cached_or_snapshot(uri)? {
            Ok(cached) => return Some(cached),
            Err(snap) => snap,
        };
        let (analyzed, config, problems) = match tokio::task::spawn_blocking(move || compute(snap)).await {
            Ok(done) => done,
            Err(e) => {
                self.log(MessageType::ERROR, format!("analysis failed: {e}")).await;
                return None;
            }
        };
        let analyzed = Arc::new(analyzed);
        let (fresh_problems, recheck) = self.commit(&analyzed, config, problems);
        // Its names changed the index: the other open documents are compared again.
        for other in recheck {
            self.schedule(other, Trigger::Typed);
        }
        for p in fresh_problems {
            self.client
                .show_message(MessageType::WARNING, format!("copydesk configuration: {p}"))
                .await;
        }
        Some(analyzed)
    }

    /// The current analysis if cached, else a snapshot to analyse; `None` for an unknown or
    /// out-of-sync document.
    fn cached_or_snapshot(&self, uri: &Uri) -> Option<Result<Arc<Analyzed>, Snapshot>> {
        let st = self.lock();
        let doc = st.docs.get(uri)?;
        if let Some(a) = doc
            .analyzed
            .as_ref()
            .filter(|a| a.epoch == st.epoch && a.index_gen == st.index_gen)
        {
            return Some(Ok(Arc::clone(a)));
        }
        if !doc.text.in_sync() {
            return None;
        }
        let config = doc.config.as_ref().filter(|(e, _)| *e == st.epoch);
        Some(Err(Snapshot {
            uri: uri.clone(),
            version: doc.text.version(),
            epoch: st.epoch,
            text: doc.text.text(),
            format: doc.format,
            path: doc.path.clone(),
            config: config.map(|(_, c)| Arc::clone(c)),
            settings: st.settings.clone(),
            enc: st.enc,
            index: Arc::clone(&st.index),
            index_gen: st.index_gen,
        }))
    }

    /// Keeps a result if it is still current, queues its diagnostics, updates the workspace
    /// index, and returns the configuration problems not shown yet and the other open documents
    /// to check again (when this one's names changed).
    fn commit(&self, a: &Arc<Analyzed>, config: Arc<Config>, problems: Vec<String>) -> (Vec<String>, Vec<Uri>) {
        let mut st = self.lock();
        let State {
            docs,
            epoch,
            reported,
            pull,
            index,
            index_gen,
            settings,
            ..
        } = &mut *st;
        let Some(doc) = docs.get_mut(&a.uri) else {
            return (Vec::new(), Vec::new());
        };
        if a.epoch != *epoch || a.index_gen != *index_gen || a.version != doc.text.version() || !doc.text.in_sync() {
            return (Vec::new(), Vec::new());
        }
        doc.config = Some((a.epoch, config));
        doc.analyzed = Some(Arc::clone(a));
        let mut recheck = Vec::new();
        if let Some(path) = doc.path.clone() {
            let shown = index::shown(&path, settings.root.as_deref());
            if Arc::make_mut(index).insert(path, shown, a.own.clone()) {
                for (uri, other) in docs.iter_mut().filter(|(u, _)| **u != a.uri) {
                    if other.analyzed.take().is_some() {
                        recheck.push(uri.clone());
                    }
                }
            }
        }
        if !*pull {
            let _ = self.queue.send(Publish {
                uri: a.uri.clone(),
                version: Some(a.version),
                diagnostics: a.diagnostics.clone(),
                large: a.text().len() >= LARGE,
            });
        }
        let problems = problems.into_iter().filter(|p| reported.insert(p.clone())).collect();
        (problems, recheck)
    }

    /// Queues diagnostics for publishing, behind everything queued before.
    pub fn enqueue(&self, p: Publish) {
        let _ = self.queue.send(p);
    }

    /// Is this still the version to publish? Unversioned diagnostics are for closed documents
    /// and files that are not open.
    fn still_current(&self, p: &Publish) -> bool {
        let st = self.lock();
        match (p.version, st.docs.get(&p.uri)) {
            (Some(v), Some(d)) => d.text.version() == v && d.text.in_sync(),
            (Some(_), None) => false,
            (None, Some(_)) => p.diagnostics.is_empty(),
            (None, None) => true,
        }
    }

    /// Logs to stderr and to the client's log.
    pub async fn log(&self, typ: MessageType, message: impl std::fmt::Display) {
        eprintln!("copydesk: {message}");
        self.client.log_message(typ, message).await;
    }
}

/// The one task that sends diagnostics, in queue order, dropping what became stale.
async fn publisher(session: std::sync::Weak<Session>, mut rx: mpsc::UnboundedReceiver<Publish>) {
    while let Some(p) = rx.recv().await {
        let Some(session) = session.upgrade() else { return };
        if session.still_current(&p) {
            let large = p.large;
            session
                .client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
            if large {
                // The transport serialises the notification after `publish_diagnostics` returns
                // (a `serde_json::Value` tree, then the bytes): trim once it has been written.
                tokio::spawn(async {
                    tokio::time::sleep(TRIM_AFTER_PUBLISH).await;
                    super::heap::release_freed_memory();
                });
            }
        }
    }
}

fn abort(handle: Option<AbortHandle>) {
    if let Some(h) = handle {
        h.abort();
    }
}

/// Analyses a snapshot: loads its configuration when needed, reads today's date (the core never
/// reads the clock), converts the findings. Runs on the blocking pool.
fn compute(snap: Snapshot) -> (Analyzed, Arc<Config>, Vec<String>) {
    let (config, problems) = match snap.config {
        Some(c) => (c, Vec::new()),
        None => {
            let (c, p) = snap.settings.config_for(snap.path.as_deref());
            (Arc::new(c), p)
        }
    };
    let mut input = Input::new(&snap.text, snap.format, &config);
    input.today = Some(chrono::Local::now().date_naive());
    let mut analysis = analysis::analyze(input);
    let shown = snap
        .path
        .as_deref()
        .map(|p| index::shown(p, snap.settings.root.as_deref()))
        .unwrap_or_default();
    let own = ws::spellings(&analysis.doc, &analysis.facts.entities, &shown);
    let mut workspace = Vec::new();
    if !snap.index.is_empty() {
        workspace = snap.index.others(snap.path.as_deref(), &own);
        let found = analysis::guard(ws::CODE, || {
            ws::workspace_spelling(&analysis.doc, &analysis.facts.entities, &workspace, analysis.messages)
        });
        analysis.add_findings(&config, found.unwrap_or_default());
    }
    let index = LineIndex::new(&analysis.doc.text);
    let mut analyzed = Analyzed {
        uri: snap.uri,
        version: snap.version,
        epoch: snap.epoch,
        format: snap.format,
        index,
        analysis,
        enc: snap.enc,
        diagnostics: Vec::new(),
        index_gen: snap.index_gen,
        workspace,
        own,
    };
    analyzed.diagnostics = analyzed
        .analysis
        .findings
        .iter()
        .map(|f| convert::diagnostic(analyzed.positions(), &analyzed.uri, f))
        .collect();
    if snap.text.len() >= LARGE {
        drop(snap.text);
        super::heap::release_freed_memory();
    }
    (analyzed, config, problems)
}

/// How long after publishing a large document's diagnostics the freed memory is handed back.
const TRIM_AFTER_PUBLISH: std::time::Duration = std::time::Duration::from_millis(200);

/// From this size on (bytes of text), the scratch memory of an analysis and of publishing its
/// diagnostics is handed back to the system at once.
const LARGE: usize = 256 * 1024;

/// Analyses a file that is not open (workspace check): its diagnostics, or why it was skipped.
pub fn check_file(path: &std::path::Path, settings: &Settings, enc: Encoding) -> Result<Publish, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.contains(&0) {
        return Err("binary file (it contains NUL bytes)".to_owned());
    }
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
    let uri = Uri::from_file_path(path).ok_or("not an absolute path")?;
    let (config, _) = settings.config_for(Some(path));
    let snap = Snapshot {
        uri,
        version: 0,
        epoch: 0,
        format: Format::from_path(&path.to_string_lossy()),
        text,
        path: Some(path.to_owned()),
        config: Some(Arc::new(config)),
        settings: settings.clone(),
        enc,
        index: Arc::default(),
        index_gen: 0,
    };
    let (a, _, _) = compute(snap);
    Ok(Publish {
        uri: a.uri.clone(),
        version: None,
        large: a.text().len() >= LARGE,
        diagnostics: a.diagnostics.clone(),
    })
}

/// An analysis of `text` as if just opened, for the features' tests.
#[cfg(test)]
pub(crate) fn analyze_for_test(uri: &str, text: &str, format: Format, enc: Encoding) -> Analyzed {
    let snap = Snapshot {
        uri: uri.parse().expect("a valid URI"),
        version: 1,
        epoch: 0,
        text: text.to_owned(),
        format,
        path: None,
        config: Some(Arc::new(Config::lsp_default())),
        settings: Settings::default(),
        enc,
        index: Arc::default(),
        index_gen: 0,
    };
    compute(snap).0
}
