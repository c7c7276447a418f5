#!/usr/bin/env bash
# Runs the analysis benchmark (generated EN and FR articles of 1k, 10k and 100k words) and prints
# one line per case: mean time, size, throughput, and the time per 1,000 words (flat = linear).
# Extra arguments go to criterion, e.g. `scripts/bench.sh --quick` or `scripts/bench.sh en/1000w`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench analysis -- "$@" >&2
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion/analysis")
print(f"{'case':<12} {'mean':>10} {'size':>10} {'MB/s':>8} {'per 1k words':>13}")
for lang in ("en", "fr"):
    for words in (1_000, 10_000, 100_000):
        case = root / lang / f"{words}w" / "new"
        if not (case / "estimates.json").exists():
            continue
        mean_ns = json.loads((case / "estimates.json").read_text())["mean"]["point_estimate"]
        size = json.loads((case / "benchmark.json").read_text())["throughput"]["Bytes"]
        ms = mean_ns / 1e6
        print(f"{lang}/{words:<9} {ms:>8.3f}ms {size/1e3:>8.1f}kB {size/1e6/(mean_ns/1e9):>8.1f}"
              f" {ms/(words/1000):>11.3f}ms")
PY
