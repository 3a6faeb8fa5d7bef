#!/usr/bin/env python3
"""Keystroke latency of `vigil server`: the time from a one-character didChange to the matching
publishDiagnostics, with the debounce set to zero, on a large real file.

    tests/bench/lsp_latency.py [--vigil build/server/vigil] [--file PATH] [--edits 500]

By default it opens Debian's /usr/lib/python3.11/_pydecimal.py (package python3.11, about 6,400
lines). Each edit inserts a space at the end of a random line, the next one deletes it, so the
file stays valid Python. Prints p50/p90/p99/max in milliseconds. A benchmark, not a test: the
machine is shared, so compare runs made side by side, not absolute numbers across days.
"""
import argparse
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "protocol"))
import client as lsp  # noqa: E402


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vigil", default=os.environ.get("VIGIL_BIN", "build/server/vigil"))
    parser.add_argument("--file", default="/usr/lib/python3.11/_pydecimal.py")
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not os.path.exists(args.file):
        sys.exit(f"{args.file} not found: install Debian's python3.11 package (apt-get install python3.11)")
    lsp.VIGIL_BIN = args.vigil

    with open(args.file, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    uri = "file://" + os.path.abspath(args.file)
    rng = random.Random(args.seed)

    server = lsp.Client(tuple(os.environ.get("VIGIL_BENCH_ARGS", "").split()) + ("server", "--debounce-ms", "0"))
    try:
        server.initialize(options={"debounceMs": 0})
        started = time.perf_counter()
        server.open(uri, text, version=1)
        server.wait_idle()
        open_ms = (time.perf_counter() - started) * 1000
        findings = len(server.published(uri)[-1]["diagnostics"])

        latencies = []
        version = 1
        pending = None  # (line, character) of the space inserted by the previous edit
        for _ in range(args.edits):
            version += 1
            if pending is None:
                line = rng.randrange(len(lines))
                character = len(lines[line])  # ASCII file: characters equal UTF-16 units
                change = {"range": lsp.rng(line, character, line, character), "text": " "}
                pending = (line, character)
            else:
                line, character = pending
                change = {"range": lsp.rng(line, character, line, character + 1), "text": ""}
                pending = None
            before = len(server.notifications)
            sent = time.perf_counter()
            server.change(uri, version, [change])
            deadline = time.monotonic() + 30
            while True:
                fresh = [n for n in server.notifications[before:]
                         if n["method"] == "textDocument/publishDiagnostics"
                         and n["params"].get("version") == version]
                if fresh:
                    break
                server._pump(deadline)
            latencies.append((time.perf_counter() - sent) * 1000)
        server.shutdown_and_exit()
    finally:
        server.kill()

    print(f"file: {args.file} ({len(lines)} lines, {len(text)} bytes), {findings} findings")
    print(f"open to first diagnostics: {open_ms:.1f} ms")
    print(f"didChange -> publishDiagnostics over {len(latencies)} edits (ms): "
          f"p50 {statistics.median(latencies):.2f}  p90 {percentile(latencies, 0.90):.2f}  "
          f"p99 {percentile(latencies, 0.99):.2f}  max {max(latencies):.2f}")


if __name__ == "__main__":
    main()
