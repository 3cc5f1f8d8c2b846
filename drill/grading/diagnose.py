"""Name what a failing attempt did, from the spec's known mistakes, and which acceptable variant a
passing one follows (runs in the trusted reference worker).

A mistake explains a failing check (case, dtype, output) when the attempt's value there matches the
mistake's within the float32 precision budget of the case, so float32 rounding inside the attempt or a
second, unrelated bug elsewhere does not silence it. A mistake the attempt matches on every check wins;
else the first that explains every failing check; else two that do together.
"""

import warnings

from drill.grading import compare


def find_mistake(job, got: dict, report: dict, expected: dict, run_side) -> dict | None:
    """`run_side(job, code, filename, attempt)` runs a variant of the reference (the worker's own runner,
    passed in so that this module does not import the worker that imports it)."""
    spec = job["spec"]
    failing = {(c["index"], c["dtype"]) for c in report["cases"] if not c["passed"]}
    if not failing or not spec.mistakes:
        return None
    dtypes = sorted({dtype for _, dtype in failing}, key=["float64", "float32", "bfloat16"].index)
    dtype = dtypes[0]
    wrong = _failing_checks(report, dtype)
    attempt_runs = {(r["case"], r["dtype"]): r for r in got.get("runs", [])}
    ref_runs = {(r["case"], r["dtype"]): r for r in expected.get("runs", [])}
    explained, partly = [], []
    for mistake in spec.mistakes:
        runs = _run_variant(run_side, job, mistake.code, dtype)
        if runs is None:
            continue
        matched, anywhere = set(), False
        for run in runs:
            key = (run["case"], run["dtype"])
            budget = compare.Budget(truth=ref_runs.get((run["case"], "float64")),
                                    ref32=ref_runs.get((run["case"], "float32")))
            differs = {f["output"] for f in compare.compare_run(spec, run, attempt_runs.get(key), budget)}
            anywhere = anywhere or bool(differs)
            matched |= {(run["case"], output) for (case, output) in wrong if case == run["case"]
                        and output not in differs and "(all)" not in differs and "(call)" not in differs}
        if matched == wrong and not anywhere:   # the attempt behaves as this mistake on every check
            return {"name": mistake.name, "message": mistake.message}
        if matched == wrong:
            explained.append(mistake)
        elif matched:
            partly.append((mistake, matched))
    if explained:   # explains every failing check, differs elsewhere too (a second, smaller difference)
        return {"name": explained[0].name, "message": explained[0].message}
    for i, (first, a) in enumerate(partly):
        for second, b in partly[i + 1:]:
            if a | b == wrong:
                return {"name": first.name, "message": first.message,
                        "also": [{"name": second.name, "message": second.message}]}
    return None


def find_note(job, got: dict, expected: dict, run_side) -> dict | None:
    """For a passing attempt that matched only within the precision budget: the spec's acceptable
    variant (float32 angles, a codebase's convention) whose float64 outputs it reproduces within that
    budget, so the remark can name it."""
    spec = job["spec"]
    attempt_runs = {(r["case"], r["dtype"]): r for r in got.get("runs", [])}
    ref_runs = {(r["case"], r["dtype"]): r for r in expected.get("runs", [])}
    for note in spec.notes:
        runs = _run_variant(run_side, job, note.code, "float64")
        if runs and all(not compare.compare_run(spec, run, attempt_runs.get((run["case"], "float64")), compare.Budget(
                truth=ref_runs.get((run["case"], "float64")), ref32=ref_runs.get((run["case"], "float32"))))
                for run in runs):
            return {"name": note.name, "message": note.message}
    return None


def _run_variant(run_side, job, code: str, dtype: str) -> list | None:
    """The runs of a known variant of the reference in one dtype pass; None when it crashes there."""
    try:
        with warnings.catch_warnings():  # a known-wrong variant may warn (var() of one element): not the user's noise
            warnings.simplefilter("ignore")
            return run_side({**job, "dtypes": [dtype]}, code, job["reference_filename"], attempt=False)["runs"]
    except Exception:
        return None


def _failing_checks(report: dict, dtype: str) -> set:
    """{(case index, output)} of the checks that fail in one dtype pass."""
    return {(case["index"], f["output"]) for case in report["cases"] if case["dtype"] == dtype
            for f in case["failures"]}
