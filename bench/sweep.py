"""The long seed sweep behind docs/performance.md: every attempt in tests/attempts on N seeds.

A correct attempt must pass on every seed and a buggy one fail on every seed (issue 10). Prints each
wrong verdict as it is found and a summary line; exit 1 if any verdict was wrong.

    python bench/sweep.py --seeds 20 [--problem rope]
"""

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from drill.catalog import load_catalog
from drill.grading.runner import CheckOptions, Grader


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=100)
    parser.add_argument("--problem", action="append", help="only these problem ids (repeatable)")
    parser.add_argument("--only", choices=["pass", "fail"], help="only the correct (pass_*) or buggy (fail_*) attempts")
    args = parser.parse_args()
    catalog, grader = load_catalog(), Grader()
    attempts = sorted((REPO / "tests" / "attempts").glob("*/*.py"))
    if args.problem:
        attempts = [a for a in attempts if a.parent.name in args.problem]
    if args.only:
        attempts = [a for a in attempts if a.stem.startswith(args.only + "_")]
    started, runs, wrong = time.perf_counter(), 0, []
    for path in attempts:
        spec = catalog.get(path.parent.name)
        expected = path.stem.startswith("pass_")
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            report = grader.check(spec, path, CheckOptions(seed=seed))
            runs += 1
            if report["passed"] is not expected:
                wrong.append((path, seed))
                print(f"WRONG {path.relative_to(REPO)} seed {seed}: {'passed' if report['passed'] else 'failed'}",
                      flush=True)
    elapsed = time.perf_counter() - started
    print(f"{len(attempts)} attempts x {args.seeds} seeds = {runs} checks, {len(wrong)} wrong verdicts, "
          f"{elapsed:.0f} s")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
