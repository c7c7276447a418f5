//! The language server: the only module that uses tower-lsp-server, LSP types and tokio.
//!
//! - [`documents`]: an open document's rope and incremental edits.
//! - [`session`]: the server's state, the analysis scheduling (debounce, version-tagged snapshots,
//!   the cache) and the ordered publishing queue.
//! - [`settings`]: where a document's configuration comes from; the server-only `debounce_ms` key.
//! - [`convert`]: LSP types to and from the core's byte spans.
//! - [`features`]: hover, code actions, symbols, inlay hints, names, code lens, stats.
//! - [`workspace`]: the `copydesk.checkWorkspace` command.
//! - [`server`]: the handlers, thin adapters over the above.
//! - [`transport`]: keeps one malformed message from ending the session.
//!
//! Built on tower-lsp-server rather than tower-lsp 0.20: the latter does not exit on `exit` while
//! stdin stays open (tower-lsp issue 399). Nothing is ever written to stdout but the protocol;
//! logs go to stderr and `window/logMessage`.

pub mod convert;
pub mod documents;
pub mod features;
pub mod server;
pub mod session;
pub mod settings;
pub mod transport;
pub mod workspace;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::Server;

/// Serves LSP over stdin/stdout until the client says `exit`. Exits with 0 when `shutdown` came
/// first, 1 otherwise (as the protocol asks).
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: cannot start the language server: {e}");
            return ExitCode::from(2);
        }
    };
    let shut_down = Arc::new(AtomicBool::new(false));
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), Arc::clone(&shut_down)));
    // tokio's stdin reader is a blocking read that cannot be cancelled: do not wait for it, or
    // `exit` would hang until the client closes stdin.
    runtime.shutdown_background();
    if shut_down.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Serves LSP over any byte streams (stdio, or in-memory pipes in tests) until `exit`.
pub async fn serve<I, O>(input: I, output: O, shut_down: Arc<AtomicBool>)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    let (checked, pumped) = tokio::io::duplex(1 << 16);
    // Not awaited: after `exit` it may still be blocked reading stdin, and is dropped with the
    // runtime.
    tokio::spawn(transport::pump(input, pumped));
    let (service, socket) = server::service(shut_down);
    Server::new(checked, output, socket).serve(service).await;
}
