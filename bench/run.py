"""Measure drill's speed on this machine and write the table to docs/performance.md.

    python bench/run.py            # everything (a few minutes: it validates the whole bank)
    python bench/run.py --quick    # skip the bank validation

Medians over several runs of the real `drill` command, each in a temp DRILL_HOME.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DRILL = shutil.which("drill") or str(Path(sys.executable).parent / "drill")
EXAMPLE = REPO / "docs" / "examples" / "softmax.py"
LOAD_AT_START = os.getloadavg()[0]  # other work on the machine inflates every number


def timed(argv, runs, env=None, check=True):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - started)
        if check and result.returncode != 0:
            raise SystemExit(f"{' '.join(map(str, argv))} failed:\n{result.stdout}\n{result.stderr}")
    return statistics.median(times)


def bench_startup(runs):
    bare = timed([sys.executable, "-c", "import typer, rich"], runs)
    return [
        ("`drill --help`", timed([DRILL, "--help"], runs), "< 0.3 s", bare),
        ("`drill list`", timed([DRILL, "list"], runs), "< 0.3 s", bare),
    ], bare


def bench_cold_check(runs):
    torch_import = timed([sys.executable, "-c", "import torch"], runs)
    check = timed([DRILL, "check", str(EXAMPLE), "--seed", "1"], runs)
    return check, torch_import


def bench_watch():
    sys.path.insert(0, str(REPO / "bench"))
    from watch_latency import measure

    return measure(saves=20)


def bench_validate():
    started = time.perf_counter()
    result = subprocess.run([DRILL, "validate", "--json"], capture_output=True, text=True)
    total = time.perf_counter() - started
    data = json.loads(result.stdout)
    return total, data


def bench_quiz_list(runs, cards=1000):
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "notes"
        notes.mkdir()
        for f in range(10):
            body = "\n".join(f'## Topic {f}-{i // 20}\n\n!!! question "Generated question {f}-{i}?"\n'
                             f"    An answer with `code` and $x^2$.\n\n    **Key points**\n\n    - point one\n"
                             f"    - point two\n    - point three\n" for i in range(cards // 10))
            (notes / f"n{f}.md").write_text(f"# Notes {f}\n\n{body}")
        env = {"DRILL_HOME": str(Path(tmp) / "home")}
        subprocess.run([DRILL, "quiz", "--list", "--json", "--notes", str(notes)], capture_output=True, env={**os.environ, **env})
        return timed([DRILL, "quiz", "--list", "--json", "--notes", str(notes)], runs, env=env)


def bench_stats(runs, attempts=10_000):
    with tempfile.TemporaryDirectory() as tmp:
        env = {"DRILL_HOME": tmp}
        subprocess.run([DRILL, "stats", "--json"], capture_output=True, env={**os.environ, **env})  # creates the db
        db = sqlite3.connect(Path(tmp) / "drill.db")
        ids = [p["id"] for p in json.loads(subprocess.run([DRILL, "list", "--json"], capture_output=True, text=True).stdout)]
        now = time.time()
        rows = []
        for i in range(attempts):
            start = now - (attempts - i) * 3600
            solved = i % 3 != 0
            rows.append((ids[i % len(ids)], f"/tmp/a{i}.py", start, start + 600 if solved else None, 300 + i % 400,
                         "solved" if solved else ("gave_up" if i % 2 else "open"), i % 3, 1 + i % 5))
        db.executemany("""INSERT INTO attempts (problem, file, started_at, ended_at, active_seconds, outcome,
                          hints_used, checks_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        db.commit()
        db.close()
        return timed([DRILL, "stats", "--json"], runs, env=env), timed([DRILL, "stats"], runs, env=env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="skip validating the whole bank")
    args = parser.parse_args()
    runs = args.runs
    rows = []
    startup, bare = bench_startup(runs)
    for name, value, goal, _ in startup:
        rows.append((name, f"{value:.3f} s", goal, f"bare `import typer, rich`: {bare:.3f} s"))
    check, torch_import = bench_cold_check(max(3, runs // 2))
    goal = 1.5 * torch_import + 1
    rows.append(("cold `drill check` of a correct softmax", f"{check:.2f} s", f"< 1.5 × torch import + 1 s = {goal:.2f} s",
                 f"bare `import torch`: {torch_import:.2f} s"))
    p50, p95 = bench_watch()
    rows.append(("watch mode, save → result (p50 / p95 over 20 saves)", f"{p50:.3f} s / {p95:.3f} s", "p50 < 0.3 s", ""))
    rows.append(("`drill quiz --list` over 1,000 cards", f"{bench_quiz_list(runs):.3f} s", "", ""))
    stats_json, stats_table = bench_stats(runs)
    rows.append(("`drill stats --json` over 10,000 attempts", f"{stats_json:.3f} s", "< 0.5 s", f"table view: {stats_table:.3f} s"))
    per_problem = []
    if not args.quick:
        total, data = bench_validate()
        rows.append((f"`drill validate` over the bank ({len(data['problems'])} problems)", f"{total:.1f} s", "",
                     f"ok: {data['ok']}"))
        per_problem = sorted(((p["id"], p["seconds"]) for p in data["problems"]), key=lambda r: -r[1])
    write_report(rows, per_problem)


def write_report(rows, per_problem):
    cpu = platform.processor() or platform.machine()
    lines = [
        "# Performance",
        "",
        f"Measured by `python bench/run.py` on {date.today().isoformat()}: {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, {platform.system()}, load average {LOAD_AT_START:.1f} at the start. "
        "Medians of several runs of the real `drill` command, each with a fresh DRILL_HOME.",
        "",
        "| what | measured | goal | for comparison |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    if per_problem:
        lines += ["", "## `drill validate`, per problem (slowest first)", "", "| problem | seconds |", "|---|---|"]
        lines += [f"| {pid} | {sec:.1f} |" for pid, sec in per_problem]
    lines += ["", "Each validation runs the reference, the scaffold and every known mistake through the full "
              "check, so it costs about (2 + mistakes) checks per problem.", ""]
    out = REPO / "docs" / "performance.md"
    existing = out.read_text() if out.exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else ""
    out.write_text("\n".join(lines) + ("\n<!-- notes -->" + notes if notes else ""))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
