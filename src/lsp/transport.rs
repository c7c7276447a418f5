//! A guard in front of tower-lsp-server's reader: one malformed message must not end the session.
//!
//! tower-lsp-server decodes stdin with tokio-util's `FramedRead`, which stops for good after the
//! first decoding error: a body that is not JSON (or not JSON-RPC) would silently end the server.
//! This pump re-frames the input, passes every well-formed message through unchanged, and turns a
//! malformed one into a request to [`MALFORMED`], whose handler answers with the JSON-RPC error the
//! client should get (-32700 parse error, -32600 invalid request; the message's `id` when it has a
//! usable one, `null` otherwise).

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The internal method a malformed message is replaced with. Never sent by clients.
pub const MALFORMED: &str = "copydesk/malformedMessage";

/// The largest body accepted (a 10 MB article escaped as JSON fits many times over).
const MAX_BODY: usize = 512 * 1024 * 1024;

/// Copies framed messages from `input` to `output` until `input` ends.
pub async fn pump<I, O>(input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        let body = match read_frame(&mut input).await {
            Frame::Eof => return,
            Frame::Body(body) => checked(body),
            Frame::Garbage(why) => marker(-32700, &why, Value::Null),
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let sent = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if sent.await.is_err() {
            return;
        }
    }
}

enum Frame {
    Eof,
    Body(Vec<u8>),
    Garbage(String),
}

async fn read_frame<I: AsyncRead + Unpin>(input: &mut BufReader<I>) -> Frame {
    let mut length = None;
    let mut seen_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::Eof,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim();
        if line.is_empty() {
            if seen_header {
                break;
            }
            continue;
        }
        seen_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
        return Frame::Garbage("missing or invalid Content-Length header".to_owned());
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body).await {
        Ok(_) => Frame::Body(body),
        Err(_) => Frame::Eof,
    }
}

/// The body itself when it is a JSON-RPC message, else the marker request for its error.
fn checked(body: Vec<u8>) -> Vec<u8> {
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return marker(-32700, "the message is not JSON", Value::Null);
    };
    let is_message = serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value.clone()).is_ok();
    if is_message {
        return body;
    }
    let id = value
        .get("id")
        .filter(|id| id.is_i64() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    marker(-32600, "the message is not a valid JSON-RPC request or response", id)
}

fn marker(code: i64, message: &str, id: Value) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": id, "method": MALFORMED, "params": {"code": code, "message": message}})
        .to_string()
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> Vec<Value> {
        let mut out = Vec::new();
        pump(input, &mut out).await;
        let mut msgs = Vec::new();
        let mut rest = &out[..];
        while let Some(i) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
            let len: usize = std::str::from_utf8(&rest[16..i]).unwrap().trim().parse().unwrap();
            msgs.push(serde_json::from_slice(&rest[i + 4..i + 4 + len]).unwrap());
            rest = &rest[i + 4 + len..];
        }
        msgs
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[tokio::test]
    async fn good_messages_pass_and_bad_ones_become_error_requests() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            frame(good),
            frame("{oops"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":{"not":"a string"}}"#),
            "Garbage-Header: 1\r\n\r\n".to_owned(),
            frame(good),
        ]
        .concat();
        let msgs = run(input.as_bytes()).await;
        assert_eq!(msgs.len(), 5);
        assert_eq!(msgs[0]["method"], "shutdown");
        assert_eq!(
            (msgs[1]["method"].as_str(), msgs[1]["params"]["code"].as_i64()),
            (Some(MALFORMED), Some(-32700))
        );
        assert_eq!(msgs[1]["id"], Value::Null);
        assert_eq!(
            (msgs[2]["params"]["code"].as_i64(), msgs[2]["id"].as_i64()),
            (Some(-32600), Some(7))
        );
        assert_eq!(msgs[3]["params"]["code"], -32700);
        assert_eq!(msgs[4]["method"], "shutdown");
    }
}
