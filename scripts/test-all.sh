#!/usr/bin/env bash
# Every test copydesk has: formatting, lints, the Rust tests (unit, rule fixtures, whole-article
# snapshots, CLI and LSP end-to-end over the real binary), then the editor integrations in real
# editors (VS Code extension unit tests and packaging, Neovim 0.7 and 0.11, Emacs + eglot, and with
# COPYDESK_VSCODE_E2E=1 the extension in a real VS Code). editors/test.sh installs the editors a
# fresh Debian machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test --all-targets
cargo build
COPYDESK_BIN="$PWD/target/debug/copydesk" bash editors/test.sh
