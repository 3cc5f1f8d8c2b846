"""Save → result latency of watch mode: `drill check FILE --watch --json` in a subprocess; each
save writes a correct softmax (alternating in-place writes and rename-over saves), and the time
runs from the write to the JSON line of its grading.

    python bench/watch_latency.py [--saves 20]
"""

import argparse
import json
import os
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRILL = shutil.which("drill") or str(Path(sys.executable).parent / "drill")
SOFTMAX = """# drill: softmax
import torch


def softmax(x, dim=-1):
    shifted = x - x.amax(dim=dim, keepdim=True)
    e = shifted.exp()
    return e / e.sum(dim=dim, keepdim=True)  # save {n}
"""


class Lines:
    def __init__(self, stream):
        self.stream = stream
        self.buffer = b""
        self.selector = selectors.DefaultSelector()
        self.selector.register(stream, selectors.EVENT_READ)

    def next(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not self.selector.select(left):
                raise TimeoutError("no result line in time")
            chunk = os.read(self.stream.fileno(), 65536)
            if not chunk:
                raise EOFError("drill exited")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


def save(path: Path, text: str, by_rename: bool) -> None:
    if by_rename:
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(text)
        os.replace(temp, path)
    else:
        path.write_text(text)


def measure(saves: int = 20, settle: float = 0.3) -> tuple:
    """(p50, p95) seconds from a save to its JSON result line (bench/run.py calls this)."""
    latencies, _ = latencies_of(saves, settle)
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    return statistics.median(latencies), p95


def latencies_of(saves: int, settle: float = 0.3) -> tuple:
    """(seconds from each save to its JSON result line, sorted; the grader's own seconds for each)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "softmax.py"
        path.write_text(SOFTMAX.format(n=0))
        env = {**os.environ, "DRILL_HOME": str(Path(tmp) / "home")}
        proc = subprocess.Popen([DRILL, "check", str(path), "--watch", "--json"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        lines = Lines(proc.stdout)
        try:
            first = json.loads(lines.next(120))          # the cold first grading (torch import)
            assert first["passed"], first
            latencies, grading = [], []
            for n in range(1, saves + 1):
                time.sleep(settle)                        # a person does not save twice in 0.3 s
                started = time.perf_counter()
                save(path, SOFTMAX.format(n=n), by_rename=n % 2 == 0)
                report = json.loads(lines.next(30))
                latencies.append(time.perf_counter() - started)
                grading.append(report["seconds"])
                assert report["passed"], report
        finally:
            proc.stdin.write(b"q")
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return sorted(latencies), grading


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    latencies, grading = latencies_of(args.saves)
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    print(f"watch mode, save → JSON result, {len(latencies)} saves of a correct softmax "
          f"({os.cpu_count()} cores)")
    print(f"{'p50':>6} {'p95':>8} {'min':>8} {'max':>8}")
    print(f"{p50:6.3f} {p95:8.3f} {latencies[0]:8.3f} {latencies[-1]:8.3f}  seconds")
    print(f"of which the grading itself (median): {statistics.median(grading):.3f} s; "
          f"notice + read + JSON: {p50 - statistics.median(grading):.3f} s")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.1f} (other work on the machine inflates these numbers)")


if __name__ == "__main__":
    main()
