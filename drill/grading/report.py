"""The check report: what `drill check --json` prints and every view reads. Plain data (JSON-ready),
typed here; docs/json.md documents it and tests validate real output against docs/report.schema.json.
"""

from typing import Literal, TypedDict

SCHEMA_VERSION = 1

# Why a file or a check failed: one vocabulary for the whole report.
Kind = Literal[
    # the file as a whole (report["error"])
    "syntax", "missing", "signature", "forbidden", "timeout", "crash", "exit", "memory", "tamper", "thread",
    "output", "protocol", "exception", "not_implemented",
    # one check of one case (report["cases"][i]["failures"])
    "no_result", "structure", "type", "shape", "dtype", "values", "value", "grad", "mutation", "params", "rule",
]


class Remark(TypedDict):
    message: str
    line: int | None


class Diagnosis(TypedDict, total=False):
    name: str
    message: str
    also: list        # a second known mistake that explains the rest: [{"name", "message"}]


class Failure(TypedDict, total=False):
    output: str       # "output", "grad of input x", "grad of parameter q_proj.weight", or "(call)"
    kind: Kind
    message: str
    line: int | None
    # values failures: where and how much
    expected_shape: list
    got_shape: list
    expected_dtype: str
    got_dtype: str
    mismatched: int
    total: int
    share: float
    max_abs: float
    max_abs_index: list
    max_rel: float
    max_rel_index: list
    expected_at: float
    got_at: float
    tolerance: dict | None
    heat: list
    non_finite: dict


class CaseResult(TypedDict):
    index: int
    name: str
    dims: dict
    args: dict
    seed: int
    magnitude: float
    dtype: str
    passed: bool
    failures: list    # [Failure]


class Error(TypedDict, total=False):
    kind: Kind
    message: str
    line: int | None
    traceback: list


class Report(TypedDict, total=False):
    schema: int
    problem: str
    passed: bool
    error: Error | None
    seed: int
    cases: list       # [CaseResult]
    diagnosis: Diagnosis | None
    notes: list       # [Remark]: the attempt passes; float32 rounding inside it, an acceptable variant
    warnings: list    # [Remark]: a forbidden name mentioned but never called
    printed: str
    seconds: float
    file: str
    notice: str       # said once per drill process: what isolation this machine lacks


def new_report(problem: str, seed: int, error: Error | None = None, printed: str = "") -> Report:
    """The one constructor: a failing report with no cases yet (compare fills the cases in)."""
    return {"schema": SCHEMA_VERSION, "problem": problem, "passed": False, "error": error, "seed": seed,
            "cases": [], "diagnosis": None, "printed": printed}
