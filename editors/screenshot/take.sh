#!/usr/bin/env bash
# Takes editors/nvim-screenshot.png: copydesk's diagnostic and hover in a real terminal Neovim
# (tmux), captured with colours (capture-pane -e), rendered to HTML and shot with headless Chromium.
#   COPYDESK_BIN=target/debug/copydesk NVIM=nvim editors/screenshot/take.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(dirname "$HERE")"
ROOT="$(dirname "$EDITORS")"
export COPYDESK_BIN="${COPYDESK_BIN:-$ROOT/target/debug/copydesk}"
NVIM="${NVIM:-nvim}"
WORK="$(mktemp -d)"
cp "$EDITORS/fixtures/marche.md" "$WORK/"
SOCK="copydesk-shot-$$"
tmux -L "$SOCK" -f /dev/null new-session -d -x 150 -y 32 -e COPYDESK_BIN="$COPYDESK_BIN" \
  "cd '$WORK' && TERM=tmux-256color '$NVIM' -u '$HERE/init.lua' -i NONE -n marche.md"
tmux -L "$SOCK" set -g default-terminal tmux-256color
tmux -L "$SOCK" set -as terminal-features ',*:RGB'
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT
sleep 3
# The doubled word: line 10; put the cursor on the second "ses", then hover (K).
tmux -L "$SOCK" send-keys '10G0' 
tmux -L "$SOCK" send-keys '/ses ses' Enter
tmux -L "$SOCK" send-keys 'w' ':nohlsearch | echo ""' Enter
sleep 2
tmux -L "$SOCK" send-keys 'K'
sleep 2
tmux -L "$SOCK" capture-pane -e -p >"$WORK/pane.ansi"
python3 "$HERE/ansi2html.py" <"$WORK/pane.ansi" >"$WORK/pane.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$WORK/chromium" --hide-scrollbars \
  --window-size=1420,690 --screenshot="$EDITORS/nvim-screenshot.png" "file://$WORK/pane.html" >/dev/null 2>&1
echo "wrote $EDITORS/nvim-screenshot.png"
