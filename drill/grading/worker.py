"""Runs ONE side of a check, the reference or the attempt, inside its own process.

Imported by the forkserver before any attempt exists (so torch is loaded once and every
check forks a clean copy). No rich, no sqlite. The attempt side encodes its results into
plain data; the reference side decodes them, compares and diagnoses.
"""

import io
import os
import resource
import sys
import threading
import traceback
import warnings

import torch

from drill import cases as casegen
from drill.grading import compare, diagnose, protocol, rules

PRINT_LIMIT = 1_000_000   # bytes an attempt may print before it fails
PRINT_KEEP = 4_000        # bytes of its output kept for the report


class CappedWriter(io.TextIOBase):
    def __init__(self):
        self.kept = []
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        if self.size < PRINT_KEEP:
            self.kept.append(text[: PRINT_KEEP - self.size])
        self.size += len(text.encode("utf-8", "replace"))
        return len(text)

    def text(self):
        return "".join(self.kept)


# ---- process entry points ---------------------------------------------------------------


def attempt_main(conn, job):
    """Child process: run the attempt, send encoded results, exit hard (stray threads cannot block)."""
    printed = _isolate(job["memory_limit"])
    try:
        result = run_attempt(job)
    except BaseException as exc:  # noqa: BLE001  (SystemExit and KeyboardInterrupt included)
        result = {"fatal": _fatal_from_exception(exc, job["filename"], "while running")}
    result["printed"] = printed.text()
    result["printed_bytes"] = printed.size
    if printed.size > PRINT_LIMIT and not result.get("fatal"):
        result["fatal"] = {"kind": "output", "message": f"printed {printed.size / 1e6:.1f} MB; remove the "
                           f"debugging prints (the limit is {PRINT_LIMIT / 1e6:.0f} MB)"}
    conn.send_bytes(protocol.dumps(protocol.encode(result)))
    conn.close()
    os._exit(0)


def reference_main(conn, job):
    """Child process: run the reference, wait for the attempt's results, compare, send the report."""
    _die_with_parent()
    torch.set_num_threads(1)
    try:
        expected = run_side(job, job["reference"], job["reference_filename"], attempt=False)
        payload = conn.recv_bytes()
        try:
            got = protocol.decode(protocol.safe_loads(payload))
        except Exception as exc:  # noqa: BLE001
            got = {"fatal": {"kind": "protocol", "message": f"the attempt's results could not be read ({exc})"}}
        report = compare.build_report(job, expected, got)
        if not report["passed"] and not report.get("error"):
            report["diagnosis"] = diagnose.find_mistake(job, got, report, expected, run_side)
        elif report["passed"] and report.get("notes"):
            note = diagnose.find_note(job, got, expected, run_side)
            if note:
                report["notes"][0]["message"] = f"{note['name']}: {note['message']}"
        conn.send(("ok", report))
    except BaseException:  # noqa: BLE001
        conn.send(("internal", traceback.format_exc()))
    conn.close()
    os._exit(0)


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when the forkserver (and so drill) goes away."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):
        pass


def _isolate(memory_limit: int) -> "CappedWriter":
    _die_with_parent()
    torch.set_num_threads(1)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    printed = CappedWriter()
    sys.stdout = sys.stderr = printed
    if memory_limit:
        pages = int(open("/proc/self/statm").read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (current + memory_limit, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return printed


# ---- running one side -------------------------------------------------------------------


def run_attempt(job) -> dict:
    spec = job["spec"]
    filename = job["filename"]
    prepared = prepare(job)
    snapshot = rules.snapshot_torch()
    warnings.showwarning = _warning_printer(filename)
    mode = rules.forbidden_mode(spec.forbid, filename)
    namespace = {"__name__": "attempt", "__file__": filename}
    try:
        code = compile(job["code"], filename, "exec")
        with mode:
            exec(code, namespace)  # noqa: S102  (the attempt runs in this throwaway process)
    except BaseException as exc:  # noqa: BLE001
        return {"fatal": _fatal_from_exception(exc, filename, "while importing the file")}
    entry = namespace.get(spec.entry)
    if entry is None:
        return {"fatal": {"kind": "missing", "message": f"the file does not define `{spec.entry}`"}}
    mismatch = _signature_mismatch(spec, entry, prepared)
    if mismatch:
        return {"fatal": mismatch}
    runs = run_cases(job, entry, prepared, attempt=True)
    result = {"runs": runs, "float32_at": job.get("float32_at") or None}
    changed = rules.tampered(snapshot)
    if changed:
        result["fatal"] = {"kind": "tamper", "message": "the attempt replaced parts of torch: " + ", ".join(changed[:5])
                           + ". Attempts must not monkeypatch torch or its testing helpers."}
    stray = [t.name for t in threading.enumerate() if t is not threading.main_thread() and t.is_alive()]
    if stray:
        result["fatal"] = {"kind": "thread", "message": f"the attempt left {len(stray)} thread(s) running "
                           f"({', '.join(stray[:3])}); finish or join every thread it starts"}
    return result


def _warning_printer(filename: str):
    """Print each warning at the attempt's own line, also those torch raises inside a call it made
    (Python would name the frame of drill's torch mode that passed the call on)."""

    def show(message, category, warned_file, warned_line, file=None, line=None):
        where = rules.attempt_line(filename)
        location = f"{filename}:{where}" if where else f"{warned_file}:{warned_line}"
        sys.stderr.write(f"{location}: {category.__name__}: {message}\n")

    return show


def run_side(job, code: str, filename: str, attempt: bool) -> dict:
    """Reference (or a known mistake): exec the code and run every case."""
    namespace = {"__name__": "reference", "__file__": filename}
    exec(compile(code, filename, "exec"), namespace)  # noqa: S102  (spec code, trusted)
    prepared = prepare(job)
    return {"runs": run_cases(job, namespace[job["spec"].entry], prepared, attempt=attempt)}


def prepare(job) -> list:
    """For each case: its float64 inputs and, for modules, the seeded parameter values by name.

    Done before the attempt is imported, so nothing it patches can change its inputs.
    """
    spec = job["spec"]
    helpers = _spec_helpers(spec)
    prepared = []
    reference_class = None
    if spec.kind == "module":
        namespace = {"__name__": "reference"}
        exec(compile(job["reference"], job["reference_filename"], "exec"), namespace)  # noqa: S102
        reference_class = namespace[spec.entry]
    for case_dict in job["cases"]:
        case = casegen.Case(**case_dict)
        inputs = casegen.build_inputs(spec, case, helpers)
        params = None
        if reference_class is not None:
            torch.manual_seed(case.seed)
            model = reference_class(**_init_args(spec, case))
            casegen.fill_parameters(model.double(), case.seed)
            params = {name: (p.detach().clone(), p.requires_grad) for name, p in model.named_parameters()}
        prepared.append((case, inputs, params))
    return prepared


def _plain_args(spec, inputs) -> dict:
    """The case's non-tensor arguments (dim=-1, causal=True), shown beside the dims in reports."""
    return {i.name: inputs[i.name] for i in spec.tests.inputs
            if i.dtype == "value" and isinstance(inputs.get(i.name), (int, float, str, bool, type(None)))}


def _spec_helpers(spec) -> dict:
    import math

    import torch.nn.functional as F

    namespace = {"torch": torch, "F": F, "math": math}
    for code in (spec.tests.make_inputs, spec.tests.driver):
        if code:
            exec(code, namespace)  # noqa: S102  (spec code, trusted)
    return namespace


def _init_args(spec, case) -> dict:
    return {name: casegen.evaluate(expr, case.dims) if isinstance(expr, str) else expr
            for name, expr in spec.tests.init.items()}


def run_cases(job, entry, prepared, attempt: bool) -> list:
    spec = job["spec"]
    device = torch.device(job["device"])
    helpers = _spec_helpers(spec)
    grad_names = {i.name for i in spec.tests.inputs if i.dtype == "float" and i.grad}
    runs = []
    for dtype_name in job["dtypes"]:
        dtype = getattr(torch, dtype_name)
        for index, (case, inputs, params) in enumerate(prepared):
            run = {"case": index, "dtype": dtype_name, "args": _plain_args(spec, inputs)}
            try:
                run.update(_run_one(job, entry, case, inputs, params, dtype, device, helpers, grad_names, attempt))
            except rules.RuleBroken as broken:
                run["error"] = {"kind": broken.kind, "message": broken.message, "line": broken.line}
            except BaseException as exc:  # noqa: BLE001
                if not attempt:
                    raise
                run["error"] = _fatal_from_exception(exc, job["filename"], "")
            runs.append(run)
    return runs


def _run_one(job, entry, case, inputs, params, dtype, device, helpers, grad_names, attempt) -> dict:
    spec = job["spec"]
    inputs = casegen.cast_inputs(inputs, dtype, device, grad_names if spec.tests.grad else set())
    before = {k: v.detach().clone() for k, v in inputs.items() if isinstance(v, torch.Tensor)}
    modes = []
    if attempt:
        modes.append(rules.forbidden_mode(spec.forbid, job["filename"]))
    target = entry
    if spec.kind == "module":
        with _entered(modes):
            torch.manual_seed(case.seed)
            target = entry(**_init_args(spec, case))
        problem = _load_parameters(target, params, dtype, device)
        if problem:
            return {"error": problem}
        if attempt:
            banned = rules.forbidden_module_classes(spec.forbid)
            for name, module in target.named_modules():
                for cls, dotted in banned.items():
                    if isinstance(module, cls):
                        raise rules.RuleBroken("forbidden", f"uses {dotted} (as `{name or 'self'}`), which this "
                                               "problem forbids", None)
    if attempt and dtype == torch.float64:
        modes.append(rules.float32_observer(job["filename"], job.setdefault("float32_at", {})))
    limit = spec.tests.rules.get("max_intermediate_numel")
    if attempt and limit is not None:
        modes.append(rules.size_limit_mode(int(casegen.evaluate(limit, case.dims)), str(limit), job["filename"]))
    with _entered(modes):
        if "drive" in helpers:
            gen = torch.Generator().manual_seed(case.seed + 1)
            out = helpers["drive"](target, inputs, dict(case.dims), gen)
        else:
            out = target(**inputs)
    mutated = [name for name, value in before.items()
               if not _same(value, inputs[name].detach())]
    grads = None
    if spec.tests.grad and dtype.is_floating_point:
        with _entered(modes[:1]):
            grads = _backward(out, inputs, target if spec.kind == "module" else None, grad_names, case.seed)
    return {"outputs": out, "grads": grads, "mutated": mutated}


def _signature_mismatch(spec, entry, prepared) -> dict | None:
    """Checked once, before any case runs: every case passes the same argument names."""
    if not prepared or spec.tests.driver:  # a driver calls the entry its own way
        return None
    case, inputs, _ = prepared[0]
    if spec.kind == "module":
        if not isinstance(entry, type):
            return None
        return (_parameter_mismatch(entry.__init__, _init_args(spec, case), f"{spec.entry}.__init__")
                or _parameter_mismatch(entry.forward, inputs, f"{spec.entry}.forward"))
    return _parameter_mismatch(entry, inputs, spec.entry)


def _parameter_mismatch(function, arguments: dict, label: str) -> dict | None:
    """drill calls entry points by keyword: name the arguments the attempt's signature does not accept."""
    import inspect

    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):  # a builtin or an object without a signature: let the call decide
        return None
    if any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
        return None
    accepted = {name for name, p in parameters.items() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    missing = [name for name in arguments if name not in accepted]
    if not missing:
        return None
    required = [name for name, p in parameters.items() if name not in arguments and name != "self"
                and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    passed = ", ".join(f"`{name}=`" for name in missing)
    takes = ", ".join(f"`{name}`" for name in required) if required else "no parameter of those names"
    return {"kind": "signature",
            "message": f"drill passes {passed} by keyword; your `{label}` takes {takes} instead. "
                       "Use the parameter names of the problem's signature."}


class _entered:
    """Enter several context managers (torch modes) in order."""

    def __init__(self, managers):
        self.managers = managers

    def __enter__(self):
        for manager in self.managers:
            manager.__enter__()

    def __exit__(self, *exc):
        for manager in reversed(self.managers):
            manager.__exit__(*exc)


def _same(a, b) -> bool:
    return a.shape == b.shape and bool(torch.equal(a, b) or (a.is_floating_point() and torch.allclose(a, b, equal_nan=True, rtol=0, atol=0)))


def _load_parameters(model, params, dtype, device):
    """Copy the seeded reference values into the model by name; a mismatch table on any difference."""
    import torch.nn as nn

    if not isinstance(model, nn.Module):
        return {"kind": "structure", "message": f"the class must be an nn.Module subclass (got {type(model).__name__})"}
    found = dict(model.named_parameters())
    rows = []
    for name, (value, _) in params.items():
        if name not in found:
            rows.append({"name": name, "expected": list(value.shape), "found": None})
        elif tuple(found[name].shape) != tuple(value.shape):
            rows.append({"name": name, "expected": list(value.shape), "found": list(found[name].shape)})
    for name, param in found.items():
        if name not in params:
            rows.append({"name": name, "expected": None, "found": list(param.shape)})
    if rows:
        return {"kind": "params", "message": "the module's parameters differ from the expected ones", "rows": rows}
    model.to(device=device, dtype=dtype)
    with torch.no_grad():
        for name, param in model.named_parameters():
            param.copy_(params[name][0].to(device=device, dtype=dtype))
    return None


def _backward(out, inputs, model, grad_names, seed):
    leaves = [t for t in _tensors(out) if t.requires_grad and t.is_floating_point()]
    result = {"inputs": {}, "params": {}}
    if leaves:
        gen = torch.Generator().manual_seed(seed + 99)
        total = sum((t * torch.randn(t.shape, generator=gen, dtype=torch.float64).to(t)).sum() for t in leaves)
        total.backward()
    for name in sorted(grad_names):
        value = inputs.get(name)
        if isinstance(value, torch.Tensor):
            result["inputs"][name] = value.grad
    if model is not None:
        for name, param in model.named_parameters():
            result["params"][name] = param.grad
    return result


def _tensors(value):
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _tensors(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tensors(item)


def _fatal_from_exception(exc, filename, when) -> dict:
    if isinstance(exc, rules.RuleBroken):
        return {"kind": exc.kind, "message": exc.message, "line": exc.line}
    if isinstance(exc, SystemExit):
        return {"kind": "exit", "message": f"called sys.exit({exc.code!r}) {when}".strip()}
    if isinstance(exc, KeyboardInterrupt):
        return {"kind": "exit", "message": f"raised KeyboardInterrupt {when}".strip()}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    line = frames[-1].lineno if frames else None
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    kind = "not_implemented" if isinstance(exc, NotImplementedError) else "exception"
    if isinstance(exc, EOFError):
        message = "read from standard input (attempts get no input)"
    elif isinstance(exc, MemoryError) or "can't allocate memory" in str(exc) or "not enough memory" in str(exc):
        kind = "memory"
        message = f"ran out of memory: {type(exc).__name__}: {str(exc)[:200]}"
    else:
        message = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return {
        "kind": kind,
        "message": f"{message} {when}".strip() if when else message,
        "line": line,
        "traceback": [f"line {f.lineno}, in {f.name}: {f.line}" for f in frames[-5:]],
    }
