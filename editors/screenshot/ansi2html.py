#!/usr/bin/env python3
"""Turns `tmux capture-pane -e -p` output (text with SGR escapes) into an HTML page that looks like
the terminal, for a headless-browser screenshot. Handles 16/256/24-bit colours, bold, italic,
underline, reverse. Usage: ansi2html.py < pane.ansi > pane.html"""
import html
import re
import sys

BASE16 = ["#1e1e2e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
          "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]
FG, BG = "#e0def4", "#191724"


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def parse_colour(params, i):
    """Returns (colour, next index) for 38/48 extended colours."""
    if i + 1 < len(params) and params[i + 1] == 5 and i + 2 < len(params):
        return xterm256(params[i + 2]), i + 3
    if i + 1 < len(params) and params[i + 1] == 2 and i + 4 < len(params):
        return "#%02x%02x%02x" % tuple(params[i + 2:i + 5]), i + 5
    return None, i + 1


def render(text):
    state = {"fg": None, "bg": None, "bold": False, "italic": False, "under": False, "rev": False}
    out = []
    for line in text.rstrip("\n").split("\n"):
        spans = []
        pos = 0
        for m in re.finditer(r"\x1b\[([0-9;:]*)m", line):
            if m.start() > pos:
                spans.append((dict(state), line[pos:m.start()]))
            pos = m.end()
            params = [int(p) if p else 0 for p in re.split(r"[;:]", m.group(1))] or [0]
            i = 0
            while i < len(params):
                p = params[i]
                if p == 0:
                    state.update(fg=None, bg=None, bold=False, italic=False, under=False, rev=False)
                elif p == 1:
                    state["bold"] = True
                elif p == 3:
                    state["italic"] = True
                elif p in (4, 21):
                    state["under"] = True
                elif p == 7:
                    state["rev"] = True
                elif p == 22:
                    state["bold"] = False
                elif p == 23:
                    state["italic"] = False
                elif p == 24:
                    state["under"] = False
                elif p == 27:
                    state["rev"] = False
                elif 30 <= p <= 37:
                    state["fg"] = BASE16[p - 30]
                elif 90 <= p <= 97:
                    state["fg"] = BASE16[p - 90 + 8]
                elif 40 <= p <= 47:
                    state["bg"] = BASE16[p - 40]
                elif 100 <= p <= 107:
                    state["bg"] = BASE16[p - 100 + 8]
                elif p == 39:
                    state["fg"] = None
                elif p == 49:
                    state["bg"] = None
                elif p in (38, 48):
                    colour, i = parse_colour(params, i)
                    state["fg" if p == 38 else "bg"] = colour
                    continue
                i += 1
        spans.append((dict(state), line[pos:]))
        cells = []
        for st, chunk in spans:
            if not chunk:
                continue
            fg, bg = st["fg"] or FG, st["bg"] or BG
            if st["rev"]:
                fg, bg = bg, fg
            style = f"color:{fg};background:{bg}"
            if st["bold"]:
                style += ";font-weight:bold"
            if st["italic"]:
                style += ";font-style:italic"
            if st["under"]:
                style += ";text-decoration:underline"
            cells.append(f'<span style="{style}">{html.escape(chunk)}</span>')
        out.append("".join(cells))
    body = "\n".join(out)
    return f"""<!doctype html><meta charset="utf-8"><style>
body{{margin:0;background:{BG}}}
pre{{margin:0;padding:12px;font:15px/1.25 'DejaVu Sans Mono',monospace;color:{FG};background:{BG}}}
</style><pre>{body}</pre>"""


if __name__ == "__main__":
    sys.stdout.write(render(sys.stdin.read()))
