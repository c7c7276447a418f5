//! The LSP handlers: each one finds the document's analysis and hands it to [`super::features`].
//! Notification handlers never await a request to the client (that can deadlock); the edit of
//! `didChange` is applied before the handler's first `.await` (see [`super::session`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{ClientSocket, LanguageServer, LspService};

use crate::analysis::{checks, hover::rule_doc};
use crate::lang::Lang;
use crate::text::Encoding;

use super::convert;
use super::features;
use super::session::{Changed, Publish, Session, Trigger};
use super::{transport, workspace};

/// The commands of `workspace/executeCommand`.
pub const CHECK_WORKSPACE: &str = "copydesk.checkWorkspace";
pub const SHOW_RULE: &str = "copydesk.showRule";

pub struct Backend {
    session: Arc<Session>,
    /// Set by `shutdown`: the process then exits with 0 on `exit`, 1 otherwise.
    shut_down: Arc<AtomicBool>,
}

/// The service with copydesk's custom requests: `copydesk/stats` and `copydesk/debugText`.
pub fn service(shut_down: Arc<AtomicBool>) -> (LspService<Backend>, ClientSocket) {
    LspService::build(|client| Backend {
        session: Session::start(client),
        shut_down,
    })
    .custom_method("copydesk/stats", Backend::stats)
    .custom_method("copydesk/debugText", Backend::debug_text)
    .custom_method(transport::MALFORMED, Backend::malformed)
    .finish()
}

/// What [`transport`] says about a malformed message.
#[derive(Debug, Deserialize)]
pub struct MalformedParams {
    pub code: i64,
    pub message: String,
}

/// The params of copydesk's custom requests.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParams {
    pub text_document: TextDocumentIdentifier,
}

impl Backend {
    /// `copydesk/stats`: the status-bar counts, or null for an unknown document.
    async fn stats(&self, p: DocumentParams) -> Result<Value> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.map_or(Value::Null, |a| features::stats(&a)))
    }

    /// The error answer to a malformed message (see [`transport`]).
    async fn malformed(&self, p: MalformedParams) -> Result<Value> {
        self.session
            .log(MessageType::ERROR, format!("malformed message: {}", p.message))
            .await;
        Err(Error {
            code: ErrorCode::from(p.code),
            message: p.message.into(),
            data: None,
        })
    }

    /// `copydesk/debugText`: the server's copy of a document, to check it follows the editor.
    async fn debug_text(&self, p: DocumentParams) -> Result<Value> {
        let doc = self.session.text_of(&p.text_document.uri);
        Ok(doc.map_or(
            Value::Null,
            |(version, text, in_sync)| serde_json::json!({"version": version, "text": text, "inSync": in_sync}),
        ))
    }
}

#[allow(deprecated)] // `root_uri`: the fallback for clients that send no workspace folders.
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri);
    let uri = folder.or(params.root_uri.as_ref())?;
    uri.to_file_path().map(|p| p.into_owned())
}

fn capabilities(enc: Encoding, pull: bool) -> ServerCapabilities {
    let sync = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::INCREMENTAL),
        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
        ..TextDocumentSyncOptions::default()
    };
    let pull_options = DiagnosticOptions {
        identifier: Some(convert::SOURCE.to_owned()),
        ..DiagnosticOptions::default()
    };
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(enc)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(sync)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![CHECK_WORKSPACE.to_owned(), SHOW_RULE.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: pull.then_some(DiagnosticServerCapabilities::Options(pull_options)),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = convert::negotiate_encoding(&params);
        let pull = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        // Ask a pulling client to pull again only when it said it takes that request.
        let refresh = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let init = params.initialization_options.clone().unwrap_or_default();
        let problems = self.session.configure(enc, pull, root_of(&params), init);
        self.session.set_refresh_support(refresh);
        for p in problems {
            self.session
                .client
                .show_message(MessageType::WARNING, format!("copydesk: {p}"))
                .await;
        }
        Ok(InitializeResult {
            capabilities: capabilities(enc, pull),
            server_info: Some(ServerInfo {
                name: "copydesk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let enc = convert::encoding_kind(self.session.encoding());
        let msg = format!(
            "copydesk {} ready ({} positions)",
            env!("CARGO_PKG_VERSION"),
            enc.as_str()
        );
        self.session.log(MessageType::INFO, msg).await;
        self.session.warm_up();
        self.session.index_workspace();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let d = p.text_document;
        self.session.open(d.uri.clone(), &d.text, d.version, &d.language_id);
        self.session.schedule(d.uri, Trigger::Now);
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        // Applied synchronously, before any `.await`: edits keep the editor's order.
        let changes: Vec<_> = p.content_changes.into_iter().map(convert::change).collect();
        let uri = p.text_document.uri;
        match self.session.change(&uri, p.text_document.version, &changes) {
            Changed::Applied(a) => {
                self.session.schedule(uri.clone(), Trigger::Typed);
                if a.clamped {
                    let msg = format!("{}: an edit past the end of a line was clamped", uri.as_str());
                    self.session.log(MessageType::WARNING, msg).await;
                }
            }
            Changed::Failed(e) => {
                // Stale diagnostics would point at the wrong places: clear them until resynced.
                self.session.enqueue(Publish::clear(&uri));
                let msg = format!(
                    "{}: {e}; the edit was not applied, waiting for the full text",
                    uri.as_str()
                );
                self.session.log(MessageType::ERROR, msg).await;
            }
            Changed::UnknownDocument => {
                let msg = format!("{}: change to a document that is not open, ignored", uri.as_str());
                self.session.log(MessageType::WARNING, msg).await;
            }
        }
    }

    async fn did_save(&self, p: DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.configures(&uri) {
            self.reconfigure(None).await;
        }
        self.session.schedule(uri, Trigger::Now);
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        self.session.close(&p.text_document.uri);
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        self.reconfigure(Some(p.settings)).await;
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        if p.changes.iter().any(|c| self.configures(&c.uri)) {
            self.reconfigure(None).await;
        }
        // Articles changed on disk: their names go into the workspace index again.
        let articles: Vec<PathBuf> = p
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()))
            .filter(|p| workspace::is_article(p))
            .collect();
        if !articles.is_empty() {
            self.session.reindex(articles).await;
        }
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        let at = p.text_document_position_params;
        let a = self.session.analysis(&at.text_document.uri).await;
        Ok(a.and_then(|a| features::hover(&a, at.position)))
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.map(|a| features::code_actions(&a, p.range)))
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.map(|a| features::inlay_hints(&a, p.range)))
    }

    async fn document_symbol(&self, p: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.map(|a| DocumentSymbolResponse::Nested(features::symbols(&a))))
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = p.text_document_position;
        let a = self.session.analysis(&at.text_document.uri).await;
        Ok(a.map(|a| features::references(&a, at.position)))
    }

    async fn document_highlight(&self, p: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = p.text_document_position_params;
        let a = self.session.analysis(&at.text_document.uri).await;
        Ok(a.map(|a| features::highlights(&a, at.position)))
    }

    async fn prepare_rename(&self, p: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.and_then(|a| features::prepare_rename(&a, p.position)))
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = p.text_document_position;
        let a = self.session.analysis(&at.text_document.uri).await;
        Ok(a.and_then(|a| features::rename(&a, at.position, &p.new_name)))
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let a = self.session.analysis(&p.text_document.uri).await;
        Ok(a.map(|a| features::code_lens(&a)))
    }

    async fn diagnostic(&self, p: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let a = self.session.analysis(&p.text_document.uri).await;
        let items = a.map(|a| a.diagnostics.clone()).unwrap_or_default();
        let report = RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
        };
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            report,
        )))
    }

    async fn execute_command(&self, p: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        match p.command.as_str() {
            CHECK_WORKSPACE => {
                workspace::spawn_check(Arc::clone(&self.session));
                Ok(None)
            }
            SHOW_RULE => {
                let code = p.arguments.first().and_then(Value::as_str).unwrap_or_default();
                let rule = checks::rule(code).ok_or_else(|| Error::invalid_params(format!("no rule `{code}`")))?;
                let doc = rule_doc(rule, Lang::En);
                self.session.client.show_message(MessageType::INFO, &doc).await;
                Ok(Some(Value::String(doc)))
            }
            other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }
}

impl Backend {
    /// Is this file a `copydesk.toml` or a names file in use? Changing it changes the
    /// configuration.
    fn configures(&self, uri: &Uri) -> bool {
        uri.as_str().ends_with(crate::config::FILE_NAME)
            || uri
                .to_file_path()
                .is_some_and(|p| self.session.settings().is_names_file(&p))
    }

    /// New settings or a changed `copydesk.toml`: every open document is checked again.
    async fn reconfigure(&self, settings: Option<Value>) {
        for p in self.session.reconfigure(settings) {
            self.session
                .client
                .show_message(MessageType::WARNING, format!("copydesk: {p}"))
                .await;
        }
    }
}
