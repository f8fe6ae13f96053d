#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: load + check beside bare RON deserialisation, exports, one
# TUI frame and filter keystroke, peak memory, and `flowmap check` on the shipped
# inventory. Needs GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg)"
cargo build --release --quiet --bin flowmap --example synth

echo; echo "## Load, check and export (cargo bench --bench scale)"
cargo bench --quiet --bench scale 2>/dev/null | grep '^|'

echo; echo "## Terminal UI (cargo bench --bench tui)"
cargo bench --quiet --bench tui 2>/dev/null | grep -vE '^(running|test result|$)' || true

echo; echo "## Peak memory of flowmap check (GNU time, maximum resident set size)"
echo "| flows | inventory bytes | peak RSS | limit 4 × size + 50 MB |"
echo "|---:|---:|---:|---:|"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for flows in 1000 10000 100000; do
    ./target/release/examples/synth --flows "$flows" --seed 7 --out "$dir/$flows" >/dev/null
    size=$(stat -c %s "$dir/$flows/inventory.ron")
    # flowmap exits 1 here (the generator plants errors); only the peak matters.
    kb=$( { /usr/bin/time -f '%M' ./target/release/flowmap check "$dir/$flows" --format json >/dev/null || true; } 2>&1 | tail -1)
    awk -v f="$flows" -v s="$size" -v k="$kb" 'BEGIN { printf "| %d | %d | %.1f MB | %.1f MB |\n", f, s, k/1024, (4*s)/1048576 + 50 }'
done

echo; echo "## Reports on the legacy import shape (cargo bench --bench reports: writers into a sink)"
cargo bench --quiet --bench reports 2>/dev/null | grep -E '^(\||report sizes)'

echo; echo "## flowmap check end to end per format, legacy import of 5,000 systems (GNU time; median of 5)"
echo "| format | wall | peak RSS |"
echo "|---|---:|---:|"
./target/release/examples/synth --shape legacy --systems 5000 --seed 7 --out "$dir/legacy" >/dev/null
for format in json sarif github human; do
    for run in 1 2 3 4 5; do
        { /usr/bin/time -f '%e %M' ./target/release/flowmap check "$dir/legacy" --format "$format" --min-severity info >/dev/null || true; } 2>&1 | tail -1
    done | sort -n | awk -v f="$format" 'NR == 3 { printf "| %s | %.2f s | %.1f MB |\n", f, $1, $2/1024 }'
done

echo; echo "## flowmap check on the shipped Confluent inventory (wall time, 50 runs)"
python3 - <<'PY'
import subprocess, time
runs = []
for _ in range(50):
    start = time.perf_counter()
    subprocess.run(["./target/release/flowmap", "check"], stdout=subprocess.DEVNULL)
    runs.append(time.perf_counter() - start)
runs.sort()
print(f"median {runs[25] * 1000:.1f} ms, fastest {runs[0] * 1000:.1f} ms, slowest {runs[-1] * 1000:.1f} ms")
PY
