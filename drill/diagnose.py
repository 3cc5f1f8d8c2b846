"""Match a failing attempt against the spec's known mistakes (runs in the trusted reference worker)."""

import warnings

from drill import compare


def find_mistake(job, got: dict, report: dict) -> dict | None:
    """The first known mistake whose outputs match the attempt's on every case of the failing dtype pass."""
    from drill.grading.worker import run_side

    spec = job["spec"]
    failing = [c["dtype"] for c in report["cases"] if not c["passed"]]
    if not failing or not spec.mistakes:
        return None
    dtype = failing[0]
    attempt_runs = {(r["case"], r["dtype"]): r for r in got.get("runs", []) if r["dtype"] == dtype}
    mistake_job = {**job, "dtypes": [dtype]}
    for mistake in spec.mistakes:
        try:
            with warnings.catch_warnings():  # a known-wrong variant may warn (e.g. var() of one element): not the user's noise
                warnings.simplefilter("ignore")
                runs = run_side(mistake_job, mistake.code, job["reference_filename"], attempt=False)["runs"]
        except Exception:  # noqa: BLE001  (a mistake that crashes on some case simply does not match)
            continue
        if all(not compare.compare_run(spec, run, attempt_runs.get((run["case"], run["dtype"]))) for run in runs):
            return {"name": mistake.name, "message": mistake.message}
    return None
