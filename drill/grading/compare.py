"""Pure comparison of a reference run with an attempt run: structure, shape, dtype, values, grads.

Produces plain data (dicts of numbers and strings) for render.py and --json.
"""

import math

import torch

from drill.grading.protocol import Opaque
from drill.grading.report import Report, new_report

HEAT_ROWS, HEAT_COLS = 6, 48


def build_report(job, expected: dict, got: dict) -> Report:
    spec = job["spec"]
    cases = job["cases"]
    report = new_report(spec.id, job["seed"], printed=got.get("printed", ""))
    fatal = got.get("fatal")
    if fatal:
        report["error"] = fatal
        return report
    got_runs = {(r["case"], r["dtype"]): r for r in got.get("runs", [])}
    ref_runs = {(r["case"], r["dtype"]): r for r in expected["runs"]}
    variants32 = [{r["case"]: r for r in runs} for runs in expected.get("variants32", [])]
    rounded: list[dict] = []
    for run in expected["runs"]:
        case = cases[run["case"]]
        attempt = got_runs.get((run["case"], run["dtype"]))
        budget = Budget(truth=ref_runs.get((run["case"], "float64")), ref32=ref_runs.get((run["case"], "float32")),
                        rescued=rounded if run["dtype"] == "float64" else None,
                        alternates=[v.get(run["case"]) for v in variants32])
        failures = compare_run(spec, run, attempt, budget)
        report["cases"].append({
            "index": run["case"], "name": case["name"], "dims": case["dims"], "args": run.get("args", {}), "seed": case["seed"],
            "magnitude": case["magnitude"],
            "dtype": run["dtype"], "passed": not failures, "failures": failures,
        })
    report["passed"] = bool(report["cases"]) and all(c["passed"] for c in report["cases"])
    if rounded and report["passed"]:
        report["notes"] = [precision_note(rounded, got.get("float32_at"))]
    return report


def precision_note(rounded: list, float32_at: dict | None) -> dict:
    """The float64 pass matched only to float32 precision: say where the attempt rounds and what it costs."""
    worst = max(rounded, key=lambda r: r["rel"])
    where = ""
    if float32_at:
        where = f" ({float32_at['op']} returned a float32 tensor at line {float32_at['line']})"
    return {"message": f"computes in float32 inside the float64 pass{where}: exact enough here (off by up to "
                       f"{worst['rel']:.1e} of the largest value of {worst['path']}, within what float32 rounding "
                       "costs on these inputs); float32 keeps about 7 significant digits, so long sums or large "
                       "positions lose more.",
            "line": float32_at.get("line") if float32_at else None}


EPS32 = 2.0 ** -23
PRECISION_FACTOR = 32  # how many times the reference's own float32 error an attempt may be off by


class Budget:
    """The precision budget of one case: the float64 truth and the reference's float32 run on the same
    inputs. An element passes when it is within the dtype's tolerance of the expected value, or within
    PRECISION_FACTOR times what float32 rounding costs the reference on this tensor (its largest error
    anywhere in it) of the float64 truth. Ill-conditioned cases (softmax of
    1e6 scores) thus budget themselves, while formula bugs, far larger, still fail."""

    def __init__(self, truth: dict | None = None, ref32: dict | None = None, rescued: list | None = None,
                 alternates: list | None = None):
        self.truth, self.ref32, self.rescued = truth, ref32, rescued
        self.alternates = alternates or []   # float32 runs of the spec's acceptable variants

    def part(self, key):
        """The budget for one part of the run (outputs, grads) given by a path of keys/indices."""
        return _BudgetPart(_dig(self.truth, key), _dig(self.ref32, key), self.rescued,
                           [_dig(a, key) for a in self.alternates])


class _BudgetPart:
    def __init__(self, truth, ref32, rescued, alternates=()):
        self.truth, self.ref32, self.rescued, self.alternates = truth, ref32, rescued, list(alternates)

    def child(self, key):
        return _BudgetPart(_dig(self.truth, key), _dig(self.ref32, key), self.rescued,
                           [_dig(a, key) for a in self.alternates])

    def allows(self, got: torch.Tensor, tol: dict, path: str):
        """Elementwise: is `got` within the float32 budget of the truth? None when there is no budget."""
        truth, ref32 = self.truth, self.ref32
        if not (isinstance(truth, torch.Tensor) and isinstance(ref32, torch.Tensor) and truth.is_floating_point()
                and truth.shape == got.shape == ref32.shape):
            return None
        t = truth.detach().double()
        cost = (ref32.detach().double() - t).abs()
        for alternate in self.alternates:   # an acceptable variant's own float32 error counts as well
            if isinstance(alternate, torch.Tensor) and alternate.shape == t.shape:
                cost = torch.maximum(cost, (alternate.detach().double() - t).abs())
        cost = torch.where(torch.isfinite(cost), cost, torch.zeros_like(cost))   # no budget from an overflow
        if cost.numel():
            # where float32 happens to round well at one element, another correct order of operations
            # need not: every element may be off by what float32 costs anywhere in this tensor
            cost = cost.amax().expand_as(cost)
        allowed = tol["atol"] + tol["rtol"] * t.abs() + PRECISION_FACTOR * (cost + EPS32 * t.abs())
        return (got.detach().double() - t).abs() <= allowed


def _dig(value, key):
    if value is None:
        return None
    try:
        return value[key]
    except (KeyError, IndexError, TypeError):
        return None


def compare_run(spec, expected: dict, got: dict | None, budget: "Budget | None" = None) -> list:
    if got is None:
        return [{"output": "(all)", "kind": "no_result", "message": "the attempt produced no result for this case"}]
    if got.get("error"):
        error = dict(got["error"])
        return [{"output": "(call)", "kind": error.pop("kind"), "message": error.pop("message"), **error}]
    tol = spec.tolerance(expected["dtype"])
    failures = []
    for name in got.get("mutated", []):
        failures.append({"output": f"input {name}", "kind": "mutation",
                         "message": f"modified the input `{name}` in place; work on a copy or out of place"})
    budget = budget or Budget()
    failures += compare_values(expected["outputs"], got["outputs"], _output_names(spec), tol,
                               budget=budget.part("outputs"))
    if expected.get("grads") is not None:
        egrads, ggrads = expected["grads"], got.get("grads") or {"inputs": {}, "params": {}}
        for group, label in (("inputs", "grad of input"), ("params", "grad of parameter")):
            for name, value in egrads[group].items():
                failures += compare_grad(value, ggrads[group].get(name), f"{label} {name}", tol,
                                         budget.part("grads").child(group).child(name))
    return failures


def _output_names(spec):
    return spec.tests.outputs or None


def compare_values(expected, got, names, tol, path="output", budget=None) -> list:
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return [{"output": path, "kind": "structure",
                     "message": f"expected a tuple of {len(expected)} values, got {_describe(got)}"}]
        failures = []
        for i, (e, g) in enumerate(zip(expected, got)):
            label = names[i] if names and i < len(names) else f"{path}[{i}]"
            failures += compare_values(e, g, None, tol, label, budget.child(i) if budget else None)
        return failures
    if isinstance(expected, torch.Tensor):
        return compare_tensor(expected, got, path, tol, budget)
    if isinstance(expected, float):
        return _compare_float(expected, got, path, tol, budget)
    if isinstance(expected, list) and not isinstance(got, list):
        return [{"output": path, "kind": "structure", "message": f"expected a list, got {_describe(got)}"}]
    if expected and all(isinstance(e, torch.Tensor) and e.is_floating_point() for e in expected):
        return _compare_tensor_list(expected, got, path, tol, budget)
    if _plain(expected) != _plain(got):
        return [_plain_difference(expected, got, path)]
    return []


def _compare_tensor_list(expected: list, got: list, path, tol, budget) -> list:
    """A list of float tensors (clip_grad_norm's clipped grads): same length, then each tensor in turn."""
    if len(got) != len(expected):
        return [{"output": path, "kind": "structure",
                 "message": f"expected a list of {len(expected)} tensors, got a list of {len(got)}"}]
    failures = []
    for i, (e, g) in enumerate(zip(expected, got)):
        failures += compare_tensor(e, g, f"{path}[{i}]", tol, budget.child(i) if budget else None)
    return failures


def _compare_float(expected: float, got, path, tol, budget) -> list:
    """A Python float result is compared as a 0-d float64 value, at the dtype pass's tolerance."""
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return [{"output": path, "kind": "type",
                 "message": f"expected a Python float, got {_describe(got)}; return `float(value)`"}]
    return compare_tensor(torch.tensor(expected, dtype=torch.float64),
                          torch.tensor(float(got), dtype=torch.float64), path, tol, budget)


def _plain(value):
    """Lists, tuples and tensors of plain values, in a form that compares exactly."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, torch.Tensor):
        return value.tolist()
    return value


def _plain_difference(expected, got, path) -> dict:
    e, g = _plain(expected), _plain(got)
    detail = {}
    if isinstance(e, list) and isinstance(g, list):
        first = next((i for i, (a, b) in enumerate(zip(e, g)) if a != b), min(len(e), len(g)))
        detail = {"index": first, "expected_len": len(e), "got_len": len(g),
                  "expected_at": repr(e[first]) if first < len(e) else None,
                  "got_at": repr(g[first]) if first < len(g) else None}
        message = (f"differs at index {first}: expected {detail['expected_at']}, got {detail['got_at']} "
                   f"(lengths {len(e)} and {len(g)})")
    else:
        message = f"expected {_short(e)}, got {_short(g)}"
    return {"output": path, "kind": "value", "message": message, "expected": _short(e), "got": _short(g), **detail}


def _short(value, limit=160):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    if isinstance(value, Opaque):
        return value.description
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)}"
    return f"{type(value).__name__} {_short(value, 60)}"


def compare_grad(expected, got, path, tol, budget=None) -> list:
    if expected is None and got is None:
        return []
    if expected is None:
        return [{"output": path, "kind": "grad", "message": "should receive no gradient (it is frozen or "
                 "unused in the reference), but the attempt's does"}]
    if got is None:
        return [{"output": path, "kind": "grad", "message": "no gradient reached it: the attempt detaches it, "
                 "does not use it, or builds the output without autograd"}]
    return compare_tensor(expected, got, path, tol, budget)


def compare_tensor(expected: torch.Tensor, got, path: str, tol: dict, budget=None) -> list:
    expected = expected.detach()
    if not isinstance(got, torch.Tensor):
        return [{"output": path, "kind": "type", "message": f"expected a tensor, got {_describe(got)}"}]
    base = {"output": path, "expected_shape": list(expected.shape), "got_shape": list(got.shape),
            "expected_dtype": _dtype(expected), "got_dtype": _dtype(got)}
    if expected.shape != got.shape:
        return [{**base, "kind": "shape", "message": f"shape {tuple(got.shape)}, expected {tuple(expected.shape)}"}]
    if expected.dtype != got.dtype:
        return [{**base, "kind": "dtype", "message": f"dtype {_dtype(got)}, expected {_dtype(expected)}"}]
    if expected.numel() == 0:
        return []
    if expected.is_floating_point() or expected.is_complex():
        e, g = expected.double(), got.double()
        both_nan = torch.isnan(e) & torch.isnan(g)
        same_inf = torch.isinf(e) & (e == g)
        diff = (g - e).abs()
        close = (diff <= tol["atol"] + tol["rtol"] * e.abs()) | both_nan | same_inf
        rel = diff / e.abs().clamp_min(tol["atol"])
        if budget is not None and not bool(close.all()):
            within = budget.allows(got, tol, path)
            if within is not None:
                rescued = within & ~close
                if budget.rescued is not None and bool(rescued.any()):
                    scale = float(e.abs().max()) or 1.0
                    budget.rescued.append({"path": path, "rel": float(diff[rescued].max()) / scale})
                close = close | within
    else:
        e, g = expected, got
        close = e == g
        diff = (g.double() - e.double()).abs()
        rel = diff / e.double().abs().clamp_min(1)
    bad = ~close
    count = int(bad.sum())
    if count == 0:
        return []
    diff_bad = torch.where(bad, diff.nan_to_num(nan=math.inf, posinf=math.inf), torch.zeros_like(diff))
    rel_bad = torch.where(bad, rel.nan_to_num(nan=math.inf, posinf=math.inf), torch.zeros_like(rel))
    worst = _unravel(int(diff_bad.flatten().argmax()), expected.shape)
    worst_rel = _unravel(int(rel_bad.flatten().argmax()), expected.shape)
    failure = {
        **base, "kind": "values",
        "mismatched": count, "total": expected.numel(), "share": count / expected.numel(),
        "max_abs": float(diff_bad.max()), "max_abs_index": worst,
        "max_rel": float(rel_bad.max()), "max_rel_index": worst_rel,
        "expected_at": e[tuple(worst)].item(), "got_at": g[tuple(worst)].item(),
        "tolerance": tol if expected.is_floating_point() else None, "heat": heat_map(bad),
    }
    non_finite = {}
    if got.is_floating_point():
        non_finite = {"nan": int((torch.isnan(g) & ~torch.isnan(e)).sum()),
                      "inf": int((torch.isinf(g) & ~torch.isinf(e)).sum())}
    failure["non_finite"] = non_finite
    parts = [f"{count:,} of {expected.numel():,} elements differ ({100 * count / expected.numel():.1f}%)"]
    if non_finite.get("nan") or non_finite.get("inf"):
        parts.append(f"the attempt has {non_finite['nan']} NaN and {non_finite['inf']} inf where the reference is finite")
    failure["message"] = "; ".join(parts)
    return [failure]


def _dtype(t) -> str:
    return str(t.dtype).removeprefix("torch.")


def _unravel(flat: int, shape) -> list:
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return list(reversed(index))


def heat_map(bad: torch.Tensor) -> list:
    """Share of mismatched elements over the last two dims, pooled to at most HEAT_ROWS x HEAT_COLS cells."""
    grid = bad.double()
    if grid.ndim == 0:
        grid = grid.reshape(1, 1)
    elif grid.ndim == 1:
        grid = grid.reshape(1, -1)
    else:
        grid = grid.reshape(-1, *grid.shape[-2:]).mean(0)  # (rows, cols) share over the leading dims
    rows, cols = grid.shape
    out_rows, out_cols = min(rows, HEAT_ROWS), min(cols, HEAT_COLS)
    pooled = torch.nn.functional.adaptive_avg_pool2d(grid[None, None], (out_rows, out_cols))[0, 0]
    return [[round(float(v), 3) for v in row] for row in pooled]
