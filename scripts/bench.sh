#!/usr/bin/env bash
# Runs the analysis benchmark (generated EN and FR articles of 1k, 10k and 100k words and of 1 MB) and prints
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
    for name in ("1000w", "10000w", "100000w", "1MB"):
        case = root / lang / name / "new"
        if not (case / "estimates.json").exists():
            continue
        mean_ns = json.loads((case / "estimates.json").read_text())["mean"]["point_estimate"]
        size = json.loads((case / "benchmark.json").read_text())["throughput"]["Bytes"]
        ms = mean_ns / 1e6
        per_1k = f"{ms/(int(name[:-1])/1000):>11.3f}ms" if name.endswith("w") else ""
        print(f"{lang}/{name:<9} {ms:>8.3f}ms {size/1e3:>8.1f}kB {size/1e6/(mean_ns/1e9):>8.1f} {per_1k}")
PY
