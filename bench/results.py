"""Every figure in one run: the Rust criterion benches, the client's overhead,
the sandbox under load, and the Python, Node and Kotlin ratio benches. Writes
bench/RESULTS.md (figures, ratios against the goals, machine, date, and the
notes of bench/notes.md).

    make bench        # builds and installs what this needs, then runs it

Uses only the standard library; the binding benches run with the interpreter
and tools `make bench` prepared.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
CRITERION = ROOT / "target" / "criterion"
RESULTS = ROOT / "bench" / "RESULTS.md"
# What the figures mean and how they are made, written by hand and copied in.
NOTES = ROOT / "bench" / "notes.md"


def run(command: List[str], what: str) -> str:
    """Runs `command` from the workspace root, echoing and returning its output."""
    print(f"== {what}: {' '.join(command)}", flush=True)
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(done.stdout, flush=True)
    if done.returncode != 0:
        sys.exit(f"{what} failed (exit {done.returncode})")
    return done.stdout


def criterion_medians() -> Dict[Tuple[str, str], float]:
    """Median time in ns of every criterion bench, by (group, function)."""
    medians = {}
    for estimates in CRITERION.glob("**/new/estimates.json"):
        bench = json.loads((estimates.parent / "benchmark.json").read_text())
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        medians[(bench["group_id"], bench["function_id"])] = median
    return medians


def ns(value: float) -> str:
    """Nanoseconds, written in ns or µs."""
    return f"{value / 1000:.2f} µs" if value >= 1000 else f"{value:.0f} ns"


def ratios(output: str) -> List[Tuple[str, str, str, float]]:
    """The rows `operation  ours µs  theirs µs  ratio x` a binding bench prints."""
    rows = []
    for line in output.splitlines():
        found = re.match(r"^(\S.*?)\s+([\d.]+) µs\s+([\d.]+) µs\s+([\d.]+)x$", line.strip())
        if found:
            name, ours, theirs, ratio = found.groups()
            rows.append((name, f"{ours} µs", f"{theirs} µs", float(ratio)))
    return rows


def bench_lines(output: str) -> List[str]:
    """A binding bench's report: its lines from the heading on (no build noise, no colour codes)."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in output.splitlines()]
    start = next((i for i, line in enumerate(lines) if re.match(r"^(Python|Node|JVM) ", line)), 0)
    return [line for line in lines[start:] if line.strip()]


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )
    rustc = subprocess.run(["rustc", "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; {rustc}"


def main() -> None:
    # Only this run's benches: a renamed or removed one must not linger in the tables.
    shutil.rmtree(CRITERION, ignore_errors=True)
    run(["cargo", "bench", "--locked", "-p", "latipay", "--bench", "protocol", "--", "--noplot"], "core benches")
    run(["cargo", "bench", "--locked", "-p", "latipay-sandbox", "--bench", "client_overhead", "--", "--noplot"],
        "client overhead")
    run(["cargo", "build", "--locked", "--release", "-p", "latipay-sandbox", "-p", "latipay-loadgen"], "build")
    load = run([str(ROOT / "target" / "release" / "latipay-loadgen")], "sandbox under load")
    python = run([sys.executable, "bench/python_bench.py"], "Python binding")
    node = run(["node", "bench/node_bench.js"], "Node binding")
    node_held = run(["node", "--expose-gc", "bench/node_held.js"], "Node held queries")
    python_held = run([sys.executable, "bench/python_held.py"], "Python held queries")
    kotlin = run(["bench/kotlin_bench.sh"], "Kotlin binding")

    m = criterion_medians()
    sign, sign_floor = m[("sign", "sign create request")], m[("sign", "hmac_only create message")]
    verify, verify_floor = m[("verify", "verify_notification")], m[("verify", "hmac_only outcome")]
    check, query = m[("verify", "verify_concat outcome")], m[("verify", "parse_query_response")]
    raw, client = m[("query round trip", "raw ureq GET")], m[("query round trip", "latipay Client::query")]

    def met(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {machine()}.",
        "Figures vary by about ±10% between runs on this VM; medians of criterion's samples,",
        "best of alternating rounds for the bindings.",
        "",
        "## Core (criterion, `core/benches/protocol.rs`)",
        "",
        "| operation | time | HMAC-only floor | × floor | goal |",
        "| --- | --- | --- | --- | --- |",
        f"| sign the documented create request | {ns(sign)} | {ns(sign_floor)} | {sign / sign_floor:.1f}× | "
        f"≤ 1 µs, ≤ 2× floor: {met(sign <= 1000 and sign <= 2 * sign_floor)} |",
        f"| verify a rule-B signature (the check itself) | {ns(check)} | {ns(verify_floor)} | "
        f"{check / verify_floor:.1f}× | ≤ 1 µs, ≤ 2× floor: {met(check <= 1000 and check <= 2 * verify_floor)} |",
        f"| `verify_notification` (decode the body, verify, build the Payment) | {ns(verify)} | {ns(verify_floor)} | "
        f"{verify / verify_floor:.1f}× | ≤ 1 µs: {met(verify <= 1000)}; ≤ 2× floor: {met(verify <= 2 * verify_floor)} |",
        f"| `parse_query_response` (JSON, verify, Payment) | {ns(query)} | {ns(verify_floor)} | "
        f"{query / verify_floor:.1f}× | ≤ 1 µs: {met(query <= 1000)} |",
        "",
        "Every bench:",
        "",
        "| group | bench | median |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {g} | {f} | {ns(t)} |" for (g, f), t in sorted(m.items())]
    lines += [
        "",
        "## Client overhead (`sandbox/benches/client_overhead.rs`)",
        "",
        "A status query to the sandbox on loopback, over a kept-alive connection.",
        "",
        "| request | median |",
        "| --- | --- |",
        f"| raw `ureq` GET of the same signed URL, body read | {ns(raw)} |",
        f"| `Client::query` (sign, send, verify, parse) | {ns(client)} |",
        f"| ratio | **{client / raw:.2f}×** (goal ≤ 1.2×: {met(client <= 1.2 * raw)}) |",
        "",
        "## Sandbox under load (`bench/loadgen`)",
        "",
        "The sandbox's release binary as a child process; the load generator on the same two cores.",
        "",
        "```",
        *[line for line in load.splitlines() if line.strip()],
        "```",
        "",
        "## Non-blocking clients (`bench/node_held.js`, `bench/python_held.py`)",
        "",
        "Blocking queries held by the sandbox's release binary on loopback; Node with its default thread pool.",
        "",
        "```",
        *[line for line in (node_held + python_held).splitlines() if line.strip() and not line.startswith("==")],
        "```",
        "",
        "## Bindings against their idiomatic implementations",
        "",
        "| binding | operation | latipay | idiomatic | ratio | goal |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for binding, output, goal, idiom in [
        ("Python", python, 4.0, "hmac + urllib.parse"),
        ("Node", node, 3.0, "node:crypto"),
        ("Kotlin", kotlin, 1.0, "javax.crypto.Mac"),
    ]:
        for name, ours, theirs, ratio in ratios(output):
            lines.append(
                f"| {binding} | {name} | {ours} | {theirs} ({idiom}) | {ratio:.2f}× | ≥ {goal:g}×: {met(ratio >= goal)} |"
            )
    lines += ["", NOTES.read_text(encoding="utf-8").rstrip(), ""]
    lines += ["", "## The benches' own output", ""]
    for binding, output in [("Python", python), ("Node", node), ("Kotlin", kotlin)]:
        lines += [f"{binding}:", "", "```", *bench_lines(output), "```", ""]
    RESULTS.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
