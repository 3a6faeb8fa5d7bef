#!/usr/bin/env bash
# Scanner throughput, side by side in one run: `vigil check`, Bandit (`bandit -r`), ruff's S rules
# through its WebAssembly build (a node script that walks the tree and lints each file), and two
# floors for a tree-sitter design: `vigil check --parse-only` (reads, decodes and parses, runs no
# rule) and `vigil check --walk-only` (the same, then visits every node of the tree once with
# tree-sitter's cursor, as any analysis of the whole tree must). Corpora: the Python 3.11
# standard library and Django.
#
# For each tool and corpus: the median of RUNS runs (default 5, the tools taking turns) of wall
# time, CPU time (user+sys) and peak RSS, measured with /usr/bin/time; then the ratios and the
# finding counts.
# Not a timed test: the machine is shared and noisy, read the numbers as such.
#
# CPU time on a shared machine moves by a third between runs of the same binary, so the ratios
# are also given from each tool's fastest run, and INSTRUCTIONS=1 adds Vigil's instruction counts
# (callgrind, one thread; deterministic, about ten minutes) for the full scan and both floors.
#
# Usage: [RUNS=5] [INSTRUCTIONS=1] tests/bench/scan_bench.sh [VIGIL_BINARY]
#        (default binary: build/server/vigil)
# Installs what it compares against: Debian's bandit, python3-django and time (apt; valgrind
# with INSTRUCTIONS=1), and the pinned ruff wasm package (npm ci in tests/bench/ruff-wasm).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
vigil="$(realpath "${1:-$repo/build/server/vigil}")"
runs="${RUNS:-5}"
instructions="${INSTRUCTIONS:-0}"

need_apt=()
command -v bandit >/dev/null || need_apt+=(bandit)
[ -d /usr/lib/python3/dist-packages/django ] || need_apt+=(python3-django)
[ -x /usr/bin/time ] || need_apt+=(time)
[ "$instructions" = 0 ] || command -v valgrind >/dev/null || need_apt+=(valgrind)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d "$here/ruff-wasm/node_modules/@astral-sh/ruff-wasm-nodejs" ]; then
  (cd "$here/ruff-wasm" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
[ -x "$vigil" ] || { echo "no vigil binary at $vigil (build first)" >&2; exit 2; }

corpora=(/usr/lib/python3.11 /usr/lib/python3/dist-packages/django)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$vigil" "$here/ruff-wasm/run_ruff_wasm.js" "$runs" "$instructions" "$work" "${corpora[@]}" <<'PY'
import json, os, re, statistics, subprocess, sys

vigil, ruff_js, runs, instructions, work, *corpora = sys.argv[1:]
runs = int(runs)
instructions = instructions not in ("", "0")

def timed(cmd, out_file=None):
    """Runs cmd under /usr/bin/time; returns (wall s, cpu s, peak RSS MiB, stdout)."""
    stats = os.path.join(work, "time.txt")
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", stats, *cmd],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    wall, user, sys_, rss_kb = open(stats).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss_kb) / 1024, proc.stdout

def instruction_count(args):
    """Instructions callgrind counts for one single-threaded vigil check run."""
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           vigil, "check", "-j", "1", "--quiet", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", proc.stderr)
    if not m:
        sys.exit("callgrind printed no instruction count:\n" + proc.stderr[-2000:])
    return int(m.group(1))

def count_vigil(report):
    return sum(1 for e in json.load(open(report)) if e.get("kind") == "finding")

def count_bandit(report):
    return len(json.load(open(report))["results"])

tools = {
    "vigil": lambda c, r: ["--", vigil, "check", "--format", "json", "--output", r, "--quiet", "--exit-zero", c],
    "bandit": lambda c, r: ["--", "bandit", "-r", "-q", "-f", "json", "-o", r, c],
    "ruff-wasm": lambda c, r: ["--", "node", ruff_js, c],
    "vigil parse-only": lambda c, r: ["--", vigil, "check", "--parse-only", "--quiet", c],
    "vigil walk-only": lambda c, r: ["--", vigil, "check", "--walk-only", "--quiet", c],
}

print(f"vigil check benchmark: median of {runs} runs, {os.cpu_count()} cores")
print(subprocess.run([vigil, "--version"], capture_output=True, text=True).stdout.strip(),
      "|", subprocess.run(["bandit", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
      "| ruff-wasm", json.load(open(os.path.join(os.path.dirname(ruff_js), "node_modules/@astral-sh/ruff-wasm-nodejs/package.json")))["version"],
      "| rules:", len(json.loads(subprocess.run([vigil, "rules", "--format", "json"], capture_output=True, text=True).stdout)))
for corpus in corpora:
    files = sum(1 for d, _, fs in os.walk(corpus) for f in fs if f.endswith((".py", ".pyw")))
    print(f"\n## {corpus} ({files} Python files)")
    print(f"{'tool':<18}{'wall s':>9}{'cpu s':>9}{'peak MiB':>10}{'findings':>10}")
    medians = {}
    samples = {name: [] for name in tools}
    findings = {name: "-" for name in tools}
    # Round-robin: each run measures every tool once, so a noisy moment on the shared machine
    # falls on all of them rather than on one tool's runs.
    for _ in range(runs):
        for name, make in tools.items():
            report = os.path.join(work, "report.json")
            wall, cpu, rss, out = timed(make(corpus, report)[1:])
            samples[name].append((wall, cpu, rss))
            if name == "vigil":
                findings[name] = count_vigil(report)
            elif name == "bandit":
                findings[name] = count_bandit(report)
            elif name == "ruff-wasm":
                m = re.search(r"findings=(\d+)", out)
                findings[name] = int(m.group(1)) if m else "?"
    for name in tools:
        med = tuple(statistics.median(s[i] for s in samples[name]) for i in range(3))
        medians[name] = med
        print(f"{name:<18}{med[0]:>9.2f}{med[1]:>9.2f}{med[2]:>10.1f}{findings[name]!s:>10}")
    v = medians["vigil"]
    print(f"bandit/vigil wall: {medians['bandit'][0] / v[0]:.1f}x   "
          f"ruff-wasm/vigil wall: {medians['ruff-wasm'][0] / v[0]:.1f}x   "
          f"bandit/walk-only wall: {medians['bandit'][0] / medians['vigil walk-only'][0]:.1f}x")
    fastest = {name: min(s[1] for s in samples[name]) for name in tools}
    for label, cpu in (("medians", {n: m[1] for n, m in medians.items()}), ("fastest runs", fastest)):
        print(f"cpu / parse-only cpu ({label}): vigil {cpu['vigil'] / cpu['vigil parse-only']:.2f}, "
              f"walk-only {cpu['vigil walk-only'] / cpu['vigil parse-only']:.2f}")
    if instructions:
        report = os.path.join(work, "report.json")
        counts = {
            "vigil": instruction_count(["--format", "json", "--output", report, "--exit-zero", corpus]),
            "parse-only": instruction_count(["--parse-only", corpus]),
            "walk-only": instruction_count(["--walk-only", corpus]),
        }
        print("instructions (callgrind, -j 1): " +
              ", ".join(f"{name} {n / 1e6:,.0f}M" for name, n in counts.items()) +
              f"; vigil / parse-only {counts['vigil'] / counts['parse-only']:.3f}, "
              f"walk-only / parse-only {counts['walk-only'] / counts['parse-only']:.3f}")
PY
