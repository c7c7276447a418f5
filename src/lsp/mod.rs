//! The language server: the only module that uses tower-lsp-server, LSP types and tokio.
//!
//! - [`documents`]: an open document's rope and incremental edits.
//! - [`session`]: the server's state, the analysis scheduling (debounce, version-tagged snapshots,
//!   the cache) and the ordered publishing queue.
//! - [`settings`]: where a document's configuration comes from; the server-only `debounce_ms` key.
//! - [`convert`]: LSP types to and from the core's byte spans.
//! - [`features`]: hover, code actions, symbols, inlay hints, names, code lens, stats.
//! - [`workspace`]: the `copydesk.checkWorkspace` command.
//! - [`index`]: the workspace index of names (`entity.workspace-spelling`, "Also in" on hover).
//! - [`server`]: the handlers, thin adapters over the above.
//! - [`transport`]: keeps one malformed message from ending the session.
//! - [`heap`]: keeps the resident memory of a long session down.
//!
//! Built on tower-lsp-server rather than tower-lsp 0.20: the latter does not exit on `exit` while
//! stdin stays open (tower-lsp issue 399). Nothing is ever written to stdout but the protocol;
//! logs go to stderr and `window/logMessage`.

pub mod convert;
pub mod documents;
pub mod features;
pub mod heap;
pub mod index;
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
    heap::use_one_arena();
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

    async fn send(w: &mut (impl AsyncWrite + Unpin), msg: Value) {
        let body = msg.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        w.write_all(framed.as_bytes()).await.unwrap();
    }

    async fn receive(r: &mut BufReader<impl AsyncRead + Unpin>) -> Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).await.unwrap();
            match line.trim().split_once(':') {
                Some((_, n)) => len = n.trim().parse().unwrap(),
                None => break,
            }
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The whole server over in-memory pipes: cheap, and the same code path as stdio.
    #[tokio::test]
    async fn in_memory_open_publishes_versioned_diagnostics_and_exit_ends_serve() {
        let (mut client_w, server_r) = tokio::io::duplex(1 << 16);
        let (server_w, client_r) = tokio::io::duplex(1 << 16);
        let shut_down = Arc::new(AtomicBool::new(false));
        let server = tokio::spawn(serve(server_r, server_w, Arc::clone(&shut_down)));
        let mut client_r = BufReader::new(client_r);
        send(
            &mut client_w,
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        )
        .await;
        assert_eq!(receive(&mut client_r).await["id"], 1);
        let doc = json!({"uri": "file:///tmp/mem.md", "languageId": "markdown", "version": 4, "text": "Et et voilà."});
        send(
            &mut client_w,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": doc}}),
        )
        .await;
        let published = loop {
            let msg = receive(&mut client_r).await;
            if msg["method"] == "textDocument/publishDiagnostics" {
                break msg;
            }
        };
        assert_eq!(published["params"]["version"], 4);
        assert_eq!(published["params"]["diagnostics"][0]["code"], "text.doubled-word");
        send(&mut client_w, json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})).await;
        while receive(&mut client_r).await["id"] != 2 {}
        send(&mut client_w, json!({"jsonrpc": "2.0", "method": "exit"})).await;
        // The input stays open (client_w is alive): serve returns on `exit` anyway.
        server.await.unwrap();
        assert!(shut_down.load(Ordering::SeqCst));
        drop(client_w);
    }
}
