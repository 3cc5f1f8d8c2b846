"""Runs ONE side of a check, the reference or the attempt, inside its own process.

Imported by the forkserver before any attempt exists (so torch is loaded once and every
check forks a clean copy). No rich, no sqlite. The reference side builds the inputs and
hands them to the attempt side over a pipe; the attempt side sandboxes itself (isolation.py),
runs with only its task and those inputs, and encodes its results into plain data; the
reference side reads them within bounds (judge.py), compares and diagnoses.
"""

import io
import os
import sys
import threading
import traceback
import warnings

import torch

from drill import cases as casegen
from drill.grading import compare, diagnose, isolation, judge, protocol, rules
from drill.grading.task import EXIT_ISOLATION, EXIT_MEMORY, task_for

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

def attempt_main(conn, inputs_conn, task):
    """Child process: sandbox itself, run the attempt, send encoded results, exit hard."""
    try:
        printed = isolation.isolate(task, keep=[conn.fileno(), inputs_conn.fileno()])
    except OSError:
        os._exit(EXIT_ISOLATION)
    sys.stdout = sys.stderr = printed
    try:
        prepared = _receive_prepared(inputs_conn)
        result = run_attempt(task, prepared)
    except BaseException as exc:
        result = {"fatal": _fatal_from_exception(exc, task["filename"], "while running")}
    result["printed"] = printed.text()
    result["printed_bytes"] = printed.size
    if printed.size > PRINT_LIMIT and not result.get("fatal"):
        result["fatal"] = {"kind": "output", "message": f"printed {printed.size / 1e6:.1f} MB; remove the "
                           f"debugging prints (the limit is {PRINT_LIMIT / 1e6:.0f} MB)"}
    try:
        data = protocol.dumps(protocol.encode(result))
    except MemoryError:
        os._exit(EXIT_MEMORY)
    except Exception as exc:
        data = protocol.dumps({"fatal": {"kind": "protocol", "message": "its results could not be encoded "
                                         f"({type(exc).__name__}); return plain tensors, tuples or numbers"}})
    conn.send_bytes(data)
    conn.close()
    os._exit(0)


def reference_main(conn, inputs_conn, job):
    """Child process: prepare the inputs (and hand them to the attempt), run the reference, wait
    for the attempt's results, judge them (mutation included), compare, send the report."""
    isolation.release_forkserver()
    isolation.die_with_parent()
    isolation.limit_memory(job["reference_memory"])
    torch.set_num_threads(1)
    try:
        prepared = prepare(job)
        try:
            inputs_conn.send_bytes(protocol.dumps(protocol.encode(_wire(prepared))))
        except OSError:  # the attempt already died; the parent reports that
            pass
        inputs_conn.close()
        expected = run_side(job, job["reference"], job["reference_filename"], attempt=False, prepared=prepared)
        expected["variants32"] = _acceptable_float32_runs(job, prepared)
        payload = conn.recv_bytes()
        got = judge.read_result(payload, expected)
        report = compare.build_report(job, expected, got)
        if not report["passed"] and not report.get("error"):
            report["diagnosis"] = diagnose.find_mistake(job, got, report, expected, run_side)
        elif report["passed"] and report.get("notes"):
            note = diagnose.find_note(job, got, expected, run_side)
            if note:
                report["notes"][0]["message"] = f"{note['name']}: {note['message']}"
        conn.send(("ok", report))
    except BaseException:
        conn.send(("internal", traceback.format_exc()))
    conn.close()
    os._exit(0)


def _wire(prepared) -> list:
    return [{"case": case.to_dict(), "inputs": inputs, "params": params} for case, inputs, params in prepared]


def _receive_prepared(conn) -> list:
    """The inputs the reference side built, decoded with the same refusing unpickler."""
    items = protocol.decode(protocol.safe_loads(conn.recv_bytes()))
    conn.close()
    return [(casegen.Case(**item["case"]), item["inputs"],
             None if item["params"] is None else {k: tuple(v) for k, v in item["params"].items()})
            for item in items]


# ---- running one side -------------------------------------------------------------------


def run_attempt(task, prepared) -> dict:
    filename = task["filename"]
    snapshot = rules.snapshot_torch()
    warnings.showwarning = _warning_printer(filename)
    mode = rules.forbidden_mode(task["forbid"], filename)
    namespace = {"__name__": "attempt", "__file__": filename}
    _forget_drill()
    try:
        code = compile(task["code"], filename, "exec")
        with mode:
            exec(code, namespace)
    except BaseException as exc:
        return {"fatal": _fatal_from_exception(exc, filename, "while importing the file")}
    entry = namespace.get(task["entry"])
    if entry is None:
        return {"fatal": {"kind": "missing", "message": f"the file does not define `{task['entry']}`"}}
    mismatch = _signature_mismatch(task, entry, prepared)
    if mismatch:
        return {"fatal": mismatch}
    runs = run_cases(task, entry, prepared, attempt=True)
    result = {"runs": runs, "float32_at": task.get("float32_at") or None}
    changed = rules.tampered(snapshot)
    if changed:
        result["fatal"] = {"kind": "tamper", "message": "the attempt replaced parts of torch: " + ", ".join(changed[:5])
                           + ". Attempts must not monkeypatch torch or its testing helpers."}
    stray = [t.name for t in threading.enumerate() if t is not threading.main_thread() and t.is_alive()]
    if stray:
        result["fatal"] = {"kind": "thread", "message": f"the attempt left {len(stray)} thread(s) running "
                           f"({', '.join(stray[:3])}); finish or join every thread it starts"}
    return result


def _forget_drill() -> None:
    """Drop drill's modules from sys.modules: `import drill.grading.rules` in the attempt then has to
    read drill's files, which Landlock hides, so it cannot patch the rules or the worker that way."""
    for name in [n for n in sys.modules if n == "drill" or n.startswith("drill.")]:
        del sys.modules[name]


def _warning_printer(filename: str):
    """Print each warning at the attempt's own line, also those torch raises inside a call it made
    (Python would name the frame of drill's torch mode that passed the call on)."""

    def show(message, category, warned_file, warned_line, file=None, line=None):
        where = rules.attempt_line(filename)
        location = f"{filename}:{where}" if where else f"{warned_file}:{warned_line}"
        sys.stderr.write(f"{location}: {category.__name__}: {message}\n")

    return show


def run_side(job, code: str, filename: str, attempt: bool, prepared=None) -> dict:
    """Reference (or a known mistake): exec the code and run every case."""
    namespace = {"__name__": "reference", "__file__": filename}
    exec(compile(code, filename, "exec"), namespace)
    if prepared is None:
        prepared = prepare(job)
    task = {**task_for(job["spec"], job["dtypes"], job["device"]), "filename": filename}
    return {"runs": run_cases(task, namespace[job["spec"].entry], prepared, attempt=attempt)}


def _acceptable_float32_runs(job, prepared) -> list:
    """The float32 runs of the spec's acceptable variants (notes): where a variant's own float32 rounding
    differs from the reference's (a detached running max in FlashAttention at scores near 1e6), that
    is what float32 may cost a correct attempt too, and the precision budget takes it in."""
    if "float32" not in job["dtypes"]:
        return []
    runs = []
    for note in job["spec"].notes:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                runs.append(run_side({**job, "dtypes": ["float32"]}, note.code, job["reference_filename"],
                                     attempt=False, prepared=prepared)["runs"])
        except Exception:
            continue
    return runs


def prepare(job) -> list:
    """For each case: its float64 inputs and, for modules, the seeded parameter values by name.

    Runs in the reference's process only: the attempt receives the result, never this code.
    """
    spec = job["spec"]
    helpers = _helpers(spec.tests.make_inputs, spec.tests.driver)
    prepared = []
    reference_class = None
    if spec.kind == "module":
        namespace: dict = {"__name__": "reference"}
        exec(compile(job["reference"], job["reference_filename"], "exec"), namespace)
        reference_class = namespace[spec.entry]
    for case_dict in job["cases"]:
        case = casegen.Case(**case_dict)
        inputs = casegen.build_inputs(spec, case, helpers)
        params = None
        if reference_class is not None:
            torch.manual_seed(case.seed)
            model = reference_class(**_init_args(spec.tests.init, case))
            casegen.fill_parameters(model.double(), case.seed)
            params = {name: (p.detach().clone(), p.requires_grad) for name, p in model.named_parameters()}
        prepared.append((case, inputs, params))
    return prepared


def _plain_args(task, inputs) -> dict:
    """The case's non-tensor arguments (dim=-1, causal=True), shown beside the dims in reports."""
    return {name: inputs[name] for name in task["value_names"]
            if isinstance(inputs.get(name), (int, float, str, bool, type(None)))}


def _helpers(*codes) -> dict:
    import math

    import torch.nn.functional as F

    namespace = {"torch": torch, "F": F, "math": math}
    for code in codes:
        if code:
            exec(code, namespace)
    return namespace


def _init_args(init: dict, case) -> dict:
    return {name: casegen.evaluate(expr, case.dims) if isinstance(expr, str) else expr
            for name, expr in init.items()}


def run_cases(task, entry, prepared, attempt: bool) -> list:
    device = torch.device(task["device"])
    helpers = _helpers(task["driver"])
    runs = []
    for dtype_name in task["dtypes"]:
        dtype = getattr(torch, dtype_name)
        for index, (case, inputs, params) in enumerate(prepared):
            run = {"case": index, "dtype": dtype_name, "args": _plain_args(task, inputs)}
            try:
                run.update(_run_one(task, entry, case, inputs, params, dtype, device, helpers, attempt))
            except rules.RuleBroken as broken:
                run["error"] = {"kind": broken.kind, "message": broken.message, "line": broken.line}
            except BaseException as exc:
                if not attempt:
                    raise
                run["error"] = _fatal_from_exception(exc, task["filename"], "")
            runs.append(run)
    return runs


def _run_one(task, entry, case, inputs, params, dtype, device, helpers, attempt) -> dict:
    filename = task["filename"]
    inputs = casegen.cast_inputs(inputs, dtype, device, set(task["grad_names"]) if task["grad"] else set())
    digests = None if attempt else judge.digests(inputs)  # the reference keeps the inputs as they were
    modes = []
    if attempt:
        modes.append(rules.forbidden_mode(task["forbid"], filename))
    target = entry
    if task["kind"] == "module":
        with _entered(modes):
            torch.manual_seed(case.seed)
            target = entry(**_init_args(task["init"], case))
        problem = _load_parameters(target, params, dtype, device)
        if problem:
            return {"error": problem}
        if attempt:
            banned = rules.forbidden_module_classes(task["forbid"])
            for name, module in target.named_modules():
                for cls, dotted in banned.items():
                    if isinstance(module, cls):
                        raise rules.RuleBroken("forbidden", f"uses {dotted} (as `{name or 'self'}`), which this "
                                               "problem forbids", None)
    if attempt and dtype == torch.float64:
        modes.append(rules.float32_observer(filename, task.setdefault("float32_at", {})))
    function_modes = list(modes)
    limit = task["size_limit"]
    limit = None if limit is None else int(casegen.evaluate(limit, case.dims))
    aten = rules.forbidden_aten(task["forbid"]) if attempt else {}
    if attempt and (limit is not None or aten):
        modes.append(rules.dispatch_mode(limit, str(task["size_limit"]), aten, filename))
    with _entered(modes):
        if "drive" in helpers:
            gen = torch.Generator().manual_seed(case.seed + 1)
            out = helpers["drive"](target, inputs, dict(case.dims), gen)
        else:
            out = target(**inputs)
        if attempt:
            rules.check_modes(function_modes, modes[len(function_modes):], filename)
    if attempt:
        digests = judge.digests(inputs)  # as the call left them; the reference side compares
    grads = None
    if task["grad"] and dtype.is_floating_point:
        # Function mode only: under a dispatch mode autograd takes its tensor-subclass formulas
        # (e.g. max's backward gives NaN where the plain one gives 0), so gradients would differ.
        with _entered(modes[:1]):
            grads = _backward(out, inputs, target if task["kind"] == "module" else None,
                              set(task["grad_names"]), case.seed)
            if attempt:
                rules.check_modes(modes[:1], [], filename)
    return {"outputs": out, "grads": grads, "digests": digests, "mutated": []}


def _signature_mismatch(task, entry, prepared) -> dict | None:
    """Checked once, before any case runs: every case passes the same argument names."""
    if not prepared or task["driver"]:  # a driver calls the entry its own way
        return None
    case, inputs, _ = prepared[0]
    label = task["entry"]
    if task["kind"] == "module":
        if not isinstance(entry, type):
            return None
        return (_parameter_mismatch(getattr(entry, "__init__", None), _init_args(task["init"], case),
                                    f"{label}.__init__")
                or _parameter_mismatch(getattr(entry, "forward", None), inputs, f"{label}.forward"))
    return _parameter_mismatch(entry, inputs, label)


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
    elif isinstance(exc, RecursionError):
        kind = "recursion"
        message = f"recursed too deeply: {type(exc).__name__}: {str(exc)[:200]}; use a loop or fewer nested calls"
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
