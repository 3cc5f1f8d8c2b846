"""Cost of the attempt's sandbox: cold `drill check` and watch re-check latency of one `drill` binary.

Run it for this tree and for a tree without the sandbox (another checkout's venv) back to back:

    python bench/isolation.py                      # this venv's drill
    python bench/isolation.py --drill /path/to/other/.venv/bin/drill
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import watch_latency

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "softmax.py"


def cold_check(drill: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            started = time.perf_counter()
            result = subprocess.run([drill, "check", str(EXAMPLE), "--seed", "1"], capture_output=True,
                                    env={**os.environ, "DRILL_HOME": home})
            times.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise SystemExit(result.stdout.decode() + result.stderr.decode())
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drill", default=watch_latency.DRILL)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    watch_latency.DRILL = args.drill
    cold = cold_check(args.drill, args.runs)
    p50, p95 = watch_latency.measure(saves=20)
    print(f"{args.drill}: cold check {cold:.2f} s (median of {args.runs}); watch re-check p50 {p50:.3f} s, "
          f"p95 {p95:.3f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
