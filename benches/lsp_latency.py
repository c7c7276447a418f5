#!/usr/bin/env python3
"""Language-server latency and memory, measured over the real binary's stdio.

    cargo build --release && python3 benches/lsp_latency.py --bin target/release/copydesk

Prints:
- edit -> diagnostics: from sending a `didChange` to receiving the `publishDiagnostics` of that
  version, on a generated 10k-word article, with the debounce switched off through the
  documented `debounce_ms = 0` initialization option (the debounce is a deliberate wait);
- hover: the round trip of `textDocument/hover` on the same article;
- resident memory (VmRSS, and the peak VmHWM, from /proc/PID/status) with a 1 MB article open,
  read a second after its diagnostics arrive (at rest).

Not a test: nothing here fails on a number; it prints them (targets: edit -> diagnostics under
20 ms, hover under 5 ms, RSS under 50 MB with 1 MB open).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time

SYLLABLES = ["ka", "lo", "mir", "tes", "van", "dor", "ble", "quin", "ru", "sa", "fen", "gal", "po", "zet"]
FIRST = ["Jane", "Marc", "Amira", "Tomas", "Lucie", "Omar", "Inès", "Paul", "Sofia", "Yann", "Chloé", "Idris"]
MONTHS_EN = ["January", "March", "April", "June", "July", "September", "October", "December"]
MONTHS_FR = ["janvier", "mars", "avril", "juin", "juillet", "septembre", "octobre", "décembre"]


def word(rng, n=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def sentence_en(rng):
    name = "%s %s" % (rng.choice(FIRST), word(rng, 3).capitalize())
    place = word(rng, 2).capitalize() + "ville"
    return rng.choice([
        "%s said the %s near %s would %s by %s %d." % (name, word(rng), place, word(rng), rng.choice(MONTHS_EN), rng.randint(1, 28)),
        "“The %s is %s,” said %s, who %s the %s in %s." % (word(rng), word(rng), name, word(rng) + "ed", word(rng), place),
        "About %s people %s the %s on Monday, up from %d in %d." % (format(rng.randint(1000, 99999), ","), word(rng) + "ed", word(rng), rng.randint(100, 999), rng.randint(1990, 2016)),
        "Officials in %s expect the %s to cost $%d.%d million over %d years." % (place, word(rng), rng.randint(2, 90), rng.randint(1, 9), rng.randint(2, 9)),
    ])


def sentence_fr(rng):
    name = "%s %s" % (rng.choice(FIRST), word(rng, 3).capitalize())
    place = "Saint-" + word(rng, 2).capitalize()
    return rng.choice([
        "%s a annoncé que le %s de %s serait %s le %d %s." % (name, word(rng), place, word(rng), rng.randint(1, 28), rng.choice(MONTHS_FR)),
        "« Le %s est %s\u202f», a déclaré %s, qui %s le %s à %s." % (word(rng), word(rng), name, word(rng) + "e", word(rng), place),
        "Environ %d %03d personnes ont %s le %s, contre %d en %d." % (rng.randint(1, 99), rng.randint(0, 999), word(rng) + "é", word(rng), rng.randint(100, 999), rng.randint(1990, 2016)),
        "À %s, les %s devraient coûter %d,%d millions d'euros sur %d ans." % (place, word(rng) + "s", rng.randint(2, 90), rng.randint(1, 9), rng.randint(2, 9)),
    ])


def article(words, lang, seed=1):
    """A generated article: real sentence shapes, invented words, no passage written twice."""
    rng = random.Random(seed)
    make = sentence_en if lang == "en" else sentence_fr
    out, count, para = ["---\nlang: %s\ndate: 2017-06-27\n---\n\n" % lang], 0, []
    while count < words:
        s = make(rng)
        para.append(s)
        count += len(s.split())
        if len(para) == 5:
            out.append(" ".join(para) + "\n\n")
            para = []
    out.append(" ".join(para) + "\n")
    return "".join(out)


class Lsp:
    def __init__(self, binary, options):
        self.p = subprocess.Popen(
            [binary, "lsp", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": None, "capabilities": {}, "initializationOptions": options},
        )
        self.notify("initialized", {})

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                sys.exit("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.next_id and "method" not in msg:
                return msg.get("result")

    def wait_diagnostics(self, uri, version):
        while True:
            msg = self.read()
            if msg.get("method") == "textDocument/publishDiagnostics":
                p = msg["params"]
                if p["uri"] == uri and p.get("version") == version:
                    return p

    def memory(self):
        with open("/proc/%d/status" % self.p.pid) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return {k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.wait(timeout=10)


def ms(xs):
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(len(xs) * 0.95))]
    return "median %.2f ms, p95 %.2f ms, min %.2f ms (n=%d)" % (statistics.median(xs) * 1e3, p95 * 1e3, xs[0] * 1e3, len(xs))


def latency(binary, lang, rounds):
    lsp = Lsp(binary, {"debounce_ms": 0})
    text = article(10_000, lang)
    uri = "file:///tmp/copydesk-bench-%s.md" % lang
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    lsp.wait_diagnostics(uri, 1)
    lines = text.count("\n")
    edits, hovers = [], []
    for i in range(rounds):
        version = i + 2
        line = 5 + (i * 7) % (lines - 10)
        change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "Yes. "}
        t = time.perf_counter()
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        lsp.wait_diagnostics(uri, version)
        edits.append(time.perf_counter() - t)
        t = time.perf_counter()
        lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 12}})
        hovers.append(time.perf_counter() - t)
    lsp.close()
    words = len(text.split())
    print("%s, %d words (%d KB):" % (lang, words, len(text.encode()) // 1024))
    print("  edit -> diagnostics: " + ms(edits))
    print("  hover:               " + ms(hovers))


def memory(binary):
    lsp = Lsp(binary, {})
    base = lsp.memory()
    text = article(150_000, "en", seed=2)
    while len(text.encode()) < 1_000_000:
        text += article(2_000, "fr", seed=len(text))
    uri = "file:///tmp/copydesk-bench-1mb.md"
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    t = time.perf_counter()
    diags = lsp.wait_diagnostics(uri, 1)
    took = time.perf_counter() - t
    lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 10, "character": 5}})
    # At rest: the server hands freed memory back shortly after its diagnostics are written.
    time.sleep(1.0)
    mem = lsp.memory()
    # The same article opened again on the running server (its first analysis built the caches).
    again = []
    for version in (2, 3, 4):
        lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
        t = time.perf_counter()
        lsp.wait_diagnostics(uri, version)
        again.append(time.perf_counter() - t)
    lsp.close()
    print("1 MB article (%d bytes): open -> diagnostics %.0f ms on a fresh server, %d diagnostics" % (len(text.encode()), took * 1e3, len(diags["diagnostics"])))
    print("  opened again on the running server: " + ms(again))
    print("  idle server: VmRSS %.1f MB" % base["VmRSS"])
    print("  with 1 MB open, at rest: VmRSS %.1f MB (peak while analysing, VmHWM: %.1f MB)" % (mem["VmRSS"], mem["VmHWM"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/copydesk")
    ap.add_argument("--rounds", type=int, default=50)
    args = ap.parse_args()
    for lang in ("en", "fr"):
        latency(args.bin, lang, args.rounds)
    memory(args.bin)


if __name__ == "__main__":
    main()
