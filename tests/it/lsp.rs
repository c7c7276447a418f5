//! End to end over the real binary's stdio: JSON-RPC with Content-Length framing, every read
//! with a generous timeout so that a hang fails the test instead of blocking it. No assertion is
//! about timing.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use copydesk::text::{Encoding, LineCol, LineIndex};
use serde_json::{Value, json};

/// How long any single wait may take before the test fails (the machine may be busy).
const PATIENCE: Duration = Duration::from_secs(60);

struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    backlog: Vec<Value>,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Lsp {
    fn spawn() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Lsp {
            child,
            stdin,
            rx,
            next_id: 0,
            backlog: Vec::new(),
        }
    }

    /// Starts a server and initializes it with these client capabilities and options.
    fn start(capabilities: Value, options: Value) -> (Lsp, Value) {
        let mut lsp = Lsp::spawn();
        let init = lsp.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}),
        );
        lsp.notify("initialized", json!({}));
        (lsp, init)
    }

    fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string();
        self.send_raw(&body);
    }

    fn next(&mut self) -> Value {
        self.rx
            .recv_timeout(PATIENCE)
            .expect("the server answers in time (or it hung or died)")
    }

    /// Sends a request and returns its whole response (with `result` or `error`).
    fn request_full(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        self.send_raw(&body);
        self.response_to(json!(id))
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_full(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    fn response_to(&mut self, id: Value) -> Value {
        loop {
            let msg = self.next();
            if msg.get("method").is_some() {
                self.handle_incoming(msg);
            } else if msg["id"] == id {
                return msg;
            }
        }
    }

    /// Answers the server's requests (refreshes, registrations) and keeps its notifications.
    fn handle_incoming(&mut self, msg: Value) {
        if let Some(id) = msg.get("id") {
            let body = json!({"jsonrpc": "2.0", "id": id, "result": null}).to_string();
            self.send_raw(&body);
        } else {
            self.backlog.push(msg);
        }
    }

    /// Waits for a notification matching `pred` (it may have arrived already) and consumes it.
    fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(i) = self
                .backlog
                .iter()
                .position(|m| m["method"] == method && pred(&m["params"]))
            {
                return self.backlog.remove(i)["params"].clone();
            }
            assert!(
                Instant::now() < deadline,
                "no {method} matching the expectation arrived"
            );
            let msg = self.next();
            if msg.get("method").is_some() {
                self.handle_incoming(msg);
            }
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn debug_text(&mut self, uri: &str) -> Value {
        self.request("copydesk/debugText", json!({"textDocument": {"uri": uri}}))
    }

    /// Waits until the process exits on its own; panics if it does not.
    fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn offered(encodings: &[&str]) -> Value {
    json!({"general": {"positionEncodings": encodings}})
}

fn encoding_of(name: &str) -> Encoding {
    match name {
        "utf-8" => Encoding::Utf8,
        "utf-32" => Encoding::Utf32,
        _ => Encoding::Utf16,
    }
}

#[test]
fn position_encoding_is_negotiated_from_what_the_client_offers() {
    for (offer, expected) in [
        (json!({}), "utf-16"),
        (offered(&["utf-16"]), "utf-16"),
        (offered(&["utf-16", "utf-32"]), "utf-32"),
        (offered(&["utf-32", "utf-16", "utf-8"]), "utf-8"),
    ] {
        let (_lsp, init) = Lsp::start(offer.clone(), json!(null));
        assert_eq!(init["capabilities"]["positionEncoding"], expected, "offered {offer}");
        assert_eq!(init["serverInfo"]["name"], "copydesk");
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A position an editor can name: a char boundary, not between CR and LF.
fn nameable(s: &str, mut o: usize) -> usize {
    while !s.is_char_boundary(o) || (o > 0 && s.as_bytes()[o - 1] == b'\r' && s.as_bytes().get(o) == Some(&b'\n')) {
        o -= 1;
    }
    o
}

fn range_json(idx: &LineIndex, text: &str, a: usize, b: usize, enc: Encoding) -> Value {
    let (p, q) = (idx.position(text, a, enc), idx.position(text, b, enc));
    json!({"start": {"line": p.line, "character": p.col}, "end": {"line": q.line, "character": q.col}})
}

fn burst_of_edits(encodings: &[&str], seed: u64) {
    let (mut lsp, init) = Lsp::start(offered(encodings), json!({"debounce_ms": 20}));
    let enc = encoding_of(init["capabilities"]["positionEncoding"].as_str().unwrap());
    let uri = "file:///tmp/copydesk-burst.md";
    let mut model = String::from("« Bonjour », dit-elle\u{202f}!\r\nThe the café 😀 opened.\n");
    lsp.open(uri, "markdown", &model);
    let pieces = [
        "é", "«\u{a0}", "\u{a0}»", "\u{202f}", "😀", " ", "word", "\n", "\r\n", "là", "",
    ];
    let mut rng = Lcg(seed);
    let edits = 400;
    for version in 2..=edits + 1 {
        let a = nameable(&model, rng.next(model.len() + 1));
        let b = nameable(&model, (a + rng.next(6)).min(model.len()));
        let insert = format!("{}{}", pieces[rng.next(pieces.len())], pieces[rng.next(pieces.len())]);
        let idx = LineIndex::new(&model);
        let range = range_json(&idx, &model, a, b, enc);
        model.replace_range(a..b, &insert);
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": range, "text": insert}]}),
        );
    }
    // A last edit that leaves one doubled word at a known place.
    let idx = LineIndex::new(&model);
    let end = idx.position(&model, model.len(), enc);
    let tail = "\n\nÀ la fin, « et et » 😀 repart.\n";
    let last_version = edits as i64 + 2;
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": last_version},
               "contentChanges": [{"range": {"start": {"line": end.line, "character": end.col}, "end": {"line": end.line, "character": end.col}}, "text": tail}]}),
    );
    model.push_str(tail);

    let server = lsp.debug_text(uri);
    assert_eq!(server["version"], last_version);
    assert_eq!(server["inSync"], true);
    assert_eq!(server["text"].as_str().unwrap(), model, "{encodings:?} seed {seed}");

    // The diagnostics of the last version point at real doubled words of the expected text.
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| p["version"] == last_version);
    let idx = LineIndex::new(&model);
    let at = |p: &Value| {
        let lc = LineCol {
            line: p["line"].as_u64().unwrap() as u32,
            col: p["character"].as_u64().unwrap() as u32,
        };
        idx.offset(&model, lc, enc).0
    };
    let doubled: Vec<&str> = diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "text.doubled-word")
        .map(|d| &model[at(&d["range"]["start"])..at(&d["range"]["end"])])
        .collect();
    assert!(doubled.contains(&"et et"), "{doubled:?}");
    for d in doubled {
        let words: Vec<_> = d.split_whitespace().map(str::to_lowercase).collect();
        assert!(words.len() == 2 && words[0] == words[1], "{d:?} is not a doubled word");
    }
}

#[test]
fn a_burst_of_incremental_edits_leaves_the_server_with_the_editors_text_utf16() {
    burst_of_edits(&["utf-16"], 7);
}

#[test]
fn a_burst_of_incremental_edits_leaves_the_server_with_the_editors_text_utf8() {
    burst_of_edits(&["utf-16", "utf-8"], 11);
}

#[test]
fn a_burst_of_incremental_edits_leaves_the_server_with_the_editors_text_utf32() {
    burst_of_edits(&["utf-32", "utf-16"], 13);
}

/// The `text.doubled-word` diagnostic among others.
fn doubled_word(diagnostics: &Value) -> &Value {
    let all = diagnostics.as_array().expect("a list of diagnostics");
    all.iter()
        .find(|d| d["code"] == "text.doubled-word")
        .unwrap_or_else(|| panic!("no text.doubled-word in {diagnostics}"))
}

#[test]
fn hover_on_a_doubled_word_shows_the_rule_and_unknown_documents_get_null() {
    let (mut lsp, _) = Lsp::start(json!({}), json!(null));
    let uri = "file:///tmp/copydesk-hover.md";
    lsp.open(uri, "markdown", "# Titre\n\nIl est venu « ici » et et reparti.\n");
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    let d = doubled_word(&diags["diagnostics"]);
    assert_eq!(d["source"], "copydesk");
    assert_eq!(diags["version"], 1);
    let pos = d["range"]["start"].clone();
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("text.doubled-word") && md.contains("### What it does"),
        "{md}"
    );
    assert_eq!(hover["range"], d["range"]);

    let unknown = json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}});
    assert_eq!(lsp.request("textDocument/hover", unknown), Value::Null);
    // Far past the end of a known document: a sane answer, not an error.
    let far = json!({"textDocument": {"uri": uri}, "position": {"line": 900, "character": 900}});
    assert_eq!(lsp.request("textDocument/hover", far), Value::Null);

    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let titles: Vec<_> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let stats = lsp.request("copydesk/stats", json!({"textDocument": {"uri": uri}}));
    assert!(stats["quotes"].is_u64() && stats["names"].is_u64(), "{stats}");
    let rule = lsp.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.showRule", "arguments": ["text.doubled-word"]}),
    );
    assert!(rule.as_str().unwrap().contains("### Why it matters"));
    lsp.wait_for("window/showMessage", |p| {
        p["message"].as_str().unwrap().contains("text.doubled-word")
    });
}

#[test]
fn a_malformed_message_gets_an_error_and_the_server_lives_on() {
    let (mut lsp, _) = Lsp::start(json!({}), json!(null));
    lsp.send_raw("{this is not json");
    let err = lsp.response_to(Value::Null);
    assert_eq!(err["error"]["code"], -32700, "{err}");
    lsp.send_raw(r#"{"jsonrpc":"2.0","id":99,"method":42}"#);
    let err = lsp.response_to(json!(99));
    assert_eq!(err["error"]["code"], -32600, "{err}");
    let wrong_params = lsp.request_full("textDocument/hover", json!({"nonsense": true}));
    assert!(wrong_params.get("error").is_some(), "{wrong_params}");
    let uri = "file:///tmp/copydesk-alive.txt";
    lsp.open(uri, "plaintext", "Still here.");
    assert_eq!(lsp.debug_text(uri)["text"], "Still here.");
}

#[test]
fn an_inverted_edit_is_refused_loudly_and_a_full_text_resynchronises() {
    let (mut lsp, _) = Lsp::start(json!({}), json!(null));
    let uri = "file:///tmp/copydesk-inverted.md";
    lsp.open(uri, "markdown", "one\ntwo the the\n");
    lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["version"] == 1
    });
    let inverted = json!({"start": {"line": 1, "character": 2}, "end": {"line": 0, "character": 1}});
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": inverted, "text": "x"}]}),
    );
    lsp.wait_for("window/logMessage", |p| {
        p["type"] == 1 && p["message"].as_str().unwrap().contains("full text")
    });
    // The stale diagnostics are withdrawn, and the server says it is out of sync.
    lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(lsp.debug_text(uri)["inSync"], false);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "fresh and and new\n"}]}),
    );
    let server = lsp.debug_text(uri);
    assert_eq!(
        (server["inSync"].clone(), server["text"].clone()),
        (json!(true), json!("fresh and and new\n"))
    );
    lsp.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 3);
}

#[test]
fn pull_diagnostics_for_clients_that_ask() {
    let (mut lsp, init) = Lsp::start(json!({"textDocument": {"diagnostic": {}}}), json!(null));
    assert_eq!(init["capabilities"]["diagnosticProvider"]["identifier"], "copydesk");
    let uri = "file:///tmp/copydesk-pull.md";
    lsp.open(uri, "markdown", "It was the the end.\n");
    let report = lsp.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}}));
    assert_eq!(report["kind"], "full");
    doubled_word(&report["items"]);
}

#[test]
fn check_workspace_publishes_for_files_not_open() {
    let dir = std::env::temp_dir().join(format!("copydesk-it-ws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("story.md"), "The mayor said the the plan was ready.\n").unwrap();
    let root = format!("file://{}", dir.display());
    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.checkWorkspace"}),
    );
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"].as_str().unwrap().ends_with("/story.md")
    });
    doubled_word(&diags["diagnostics"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn shutdown_then_exit_ends_the_process_while_stdin_stays_open() {
    let (mut lsp, _) = Lsp::start(json!({}), json!(null));
    lsp.open("file:///tmp/copydesk-exit.md", "markdown", "Some text.");
    assert_eq!(lsp.request("shutdown", json!(null)), Value::Null);
    lsp.notify("exit", json!(null));
    // stdin is still open here: the server must exit anyway.
    assert!(lsp.stdin.is_some());
    let status = lsp.wait_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_one() {
    let (mut lsp, _) = Lsp::start(json!({}), json!(null));
    lsp.notify("exit", json!(null));
    assert_eq!(lsp.wait_exit().code(), Some(1));
}

#[test]
fn configuration_problems_are_shown_and_the_rest_still_applies() {
    let options = json!({"colour": "blue", "messages": "fr", "debounce_ms": "soon"});
    let (mut lsp, _) = Lsp::start(json!({}), options);
    lsp.wait_for("window/showMessage", |p| {
        p["type"] == 2 && p["message"].as_str().unwrap().contains("debounce_ms")
    });
    let uri = "file:///tmp/copydesk-config.md";
    lsp.open(uri, "markdown", "It was the the end.\n");
    lsp.wait_for("window/showMessage", |p| {
        p["type"] == 2 && p["message"].as_str().unwrap().contains("colour")
    });
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    let d = doubled_word(&diags["diagnostics"]);
    assert!(
        d["message"].as_str().unwrap().contains("tapé deux fois"),
        "messages = fr applies: {d}"
    );
    // The server still follows edits after all that.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"messages": "en"}}}),
    );
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["diagnostics"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("twice"))
    });
    assert_eq!(diags["version"], 1);
}

/// A fresh folder for one LSP test, and its `file://` URI.
fn workspace_dir(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let uri = format!("file://{}", dir.display());
    (dir, uri)
}

fn codes(diagnostics: &Value) -> Vec<&str> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

#[test]
fn the_names_file_of_the_settings_applies_and_a_missing_one_is_shown() {
    let (dir, root) = workspace_dir("names_file");
    std::fs::write(
        dir.join("names.json"),
        r#"[{"name": "Ilse Marrowgate", "aliases": ["Marrowgait"], "type": "person", "preferred": "Ilse Marrowgate"}]"#,
    )
    .unwrap();
    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {},
               "initializationOptions": {"names_file": "names.json"}}),
    );
    lsp.notify("initialized", json!({}));
    let uri = format!("{root}/bridge.md");
    lsp.open(&uri, "markdown", "Mayor Ilse Marrowgait opened the new bridge.\n");
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(&p["diagnostics"]).contains(&"entity.spelling")
    });
    let d = &diags["diagnostics"][0];
    assert!(d["message"].as_str().unwrap().contains("Ilse Marrowgate"), "{d}");
    // A names file that is not there: said once, and the rest of the check goes on.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"names_file": "gone.toml"}}}),
    );
    lsp.wait_for("window/showMessage", |p| {
        let m = p["message"].as_str().unwrap();
        m.contains("gone.toml") && m.contains("not found")
    });
    lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && !codes(&p["diagnostics"]).contains(&"entity.spelling")
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_name_spelled_unlike_the_other_workspace_articles_is_reported() {
    let (dir, root) = workspace_dir("workspace_spelling");
    let story = "Senator Halvard Brennquist met Councillor Odile Ransome in Fenwick Bay. \
Brennquist said the harbour plan would pass.\n";
    std::fs::write(dir.join("monday.md"), story).unwrap();
    std::fs::write(dir.join("tuesday.md"), story.replace("met", "called")).unwrap();
    let mut lsp = Lsp::spawn();
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    lsp.notify("initialized", json!({}));
    let uri = format!("{root}/draft.md");
    let text = "Senator Halvard Brenquist praised Councillor Odile Ransome on the harbour vote.\n";
    lsp.open(&uri, "markdown", text);
    let diags = lsp.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && codes(&p["diagnostics"]).contains(&"entity.workspace-spelling")
    });
    let all = diags["diagnostics"].as_array().unwrap();
    let d = all.iter().find(|d| d["code"] == "entity.workspace-spelling").unwrap();
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("Brennquist") && message.contains("monday.md"),
        "{message}"
    );
    assert_eq!(d["severity"], 3, "information");
    assert_eq!(d["range"]["start"]["character"], text.find("Brenquist").unwrap());
    // Its quick fix writes the workspace's spelling.
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    assert!(actions.to_string().contains("\"newText\":\"Brennquist\""), "{actions}");
    // The hover on a name the other articles share says where.
    let at = text.find("Ransome").unwrap();
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": at}}),
    );
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Also in: monday.md, tuesday.md"), "{md}");
    std::fs::remove_dir_all(&dir).unwrap();
}
