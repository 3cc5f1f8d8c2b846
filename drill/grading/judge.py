"""The reference side's reading of the attempt's results: every byte distrusted.

The payload is decoded within bounds, checked against the shape of what the attempt's process was
asked to send, made inert (control characters shown, never sent to a terminal), and judged for
in-place mutation against the reference's own copy of the inputs.
"""

import ctypes
import hashlib

import torch

from drill.grading import protocol
from drill.grading.protocol import inert


def digests(inputs: dict) -> dict:
    """{name: sha256 of dtype, shape and bytes} for every tensor argument."""
    out = {}
    for name, value in inputs.items():
        if isinstance(value, torch.Tensor):
            out[name] = hashlib.sha256(_tensor_bytes(value)).hexdigest()
        elif isinstance(value, list) and value and all(isinstance(v, torch.Tensor) for v in value):
            out[name] = hashlib.sha256(b"".join(_tensor_bytes(v) for v in value)).hexdigest()
    return out


def _tensor_bytes(value: torch.Tensor) -> bytes:
    data = value.detach().cpu().contiguous()
    raw = ctypes.string_at(data.data_ptr(), data.nbytes) if data.numel() else b""
    return f"{data.dtype}{tuple(data.shape)}".encode() + raw


def read_result(payload: bytes, expected: dict) -> dict:
    """The attempt's results, or a fatal "protocol" error saying why they could not be used."""
    try:
        raw = protocol.safe_loads(payload)
        protocol.check_bounds(raw)
        got = protocol.decode(raw)
        got = _checked(got, expected)
    except Exception as exc:
        return {"fatal": {"kind": "protocol", "message": "the attempt's process sent results drill cannot use "
                          f"({inert(str(exc))[:200]}); it must only return values from the function"}}
    return got


def _checked(got, expected: dict) -> dict:
    if not isinstance(got, dict):
        raise protocol.Malformed("not a mapping")
    clean = {"printed": inert(_text(got.get("printed", ""))),
             "printed_bytes": got.get("printed_bytes", 0) if type(got.get("printed_bytes", 0)) is int else 0}
    if got.get("fatal") is not None:
        clean["fatal"] = _error(got["fatal"])
        return clean
    runs = got.get("runs")
    if not isinstance(runs, list) or len(runs) != len(expected["runs"]):
        raise protocol.Malformed("a wrong number of runs")
    clean["runs"] = [_run(run, want) for run, want in zip(runs, expected["runs"])]
    clean["float32_at"] = _float32_at(got.get("float32_at"))
    return clean


def _float32_at(value) -> dict | None:
    """Where the attempt produced a float32 tensor in the float64 pass: an op name and a line, or nothing."""
    if not isinstance(value, dict) or type(value.get("line")) is not int:
        return None
    return {"op": inert(_text(value.get("op", "")))[:60], "line": value["line"]}


def _run(run, want: dict) -> dict:
    if not isinstance(run, dict) or run.get("case") != want["case"] or run.get("dtype") != want["dtype"]:
        raise protocol.Malformed("runs out of order")
    out = {"case": want["case"], "dtype": want["dtype"], "args": want.get("args", {})}
    if run.get("error") is not None:
        out["error"] = _error(run["error"])
        return out
    for key in ("outputs", "grads"):
        out[key] = _inert_values(run.get(key))
    grads = out["grads"]
    if grads is not None and not (isinstance(grads, dict) and all(isinstance(grads.get(g), dict) for g in ("inputs", "params"))):
        raise protocol.Malformed("gradients in the wrong form")
    kept = want.get("digests") or {}
    digests = run.get("digests")
    sent = digests if isinstance(digests, dict) else {}
    out["mutated"] = [name for name, digest in kept.items() if sent.get(name) != digest]
    return out


def _error(error) -> dict:
    if not isinstance(error, dict):
        raise protocol.Malformed("an error that is not a mapping")
    out: dict = {"kind": inert(_text(error.get("kind", "exception")))[:40],
           "message": inert(_text(error.get("message", "")))[:4000]}
    line = error.get("line")
    out["line"] = line if type(line) is int else None
    if isinstance(error.get("traceback"), list):
        out["traceback"] = [inert(_text(t))[:500] for t in error["traceback"][:10]]
    if isinstance(error.get("uses"), list):
        out["uses"] = [{"name": inert(_text(u.get("name"))), "line": u.get("line") if type(u.get("line")) is int else None}
                       for u in error["uses"][:20] if isinstance(u, dict)]
    if isinstance(error.get("rows"), list):
        out["rows"] = [_row(r) for r in error["rows"][:50]]
    return out


def _row(row) -> dict:
    if not isinstance(row, dict):
        raise protocol.Malformed("a parameter row that is not a mapping")

    def shape(value):
        if value is None:
            return None
        if isinstance(value, list) and all(type(d) is int for d in value):
            return value
        raise protocol.Malformed("a parameter shape that is not a list of ints")

    return {"name": inert(_text(row.get("name"))), "expected": shape(row.get("expected")), "found": shape(row.get("found"))}


def _text(value) -> str:
    if not isinstance(value, str):
        raise protocol.Malformed(f"text that is a {type(value).__name__}")
    return value


def _inert_values(value):
    """Strings the attempt returned (e.g. a dict key or a str output) are made inert too."""
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert_values(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_inert_values(v) for v in value)
    if isinstance(value, dict):
        return {inert(k) if isinstance(k, str) else k: _inert_values(v) for k, v in value.items()}
    if isinstance(value, protocol.Opaque):
        return protocol.Opaque(inert(value.description))
    return value
