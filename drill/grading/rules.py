"""Forbidden calls and resource rules.

scan_forbidden is a static AST scan (no torch; gives line numbers): a forbidden name that is only
mentioned earns a warning. The torch modes below run inside the attempt's worker and decide: a
forbidden function fails the attempt when it is called, by any alias, getattr trick or at import.
"""

import ast
import functools
import sys
from types import FrameType


def scan_forbidden(source: str, forbid: list) -> list:
    """[(dotted name, line)] for each use of a forbidden name in the attempt's source."""
    if not forbid:
        return []
    tree = ast.parse(source)
    aliases = _import_aliases(tree)
    methods = {name.rsplit(".", 1)[1] for name in forbid if name.startswith("torch.Tensor.")}
    forbidden = set(forbid)

    def banned(dotted):  # a forbidden name also forbids everything under it: torch.optim covers torch.optim.AdamW
        return dotted is not None and (dotted in forbidden or any(dotted.startswith(f + ".") for f in forbidden))

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if banned(full):
                    found.append((full, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if banned(alias.name)]
        elif isinstance(node, (ast.Attribute, ast.Name)):
            dotted = _resolve(node, aliases)
            if banned(dotted):
                found.append((dotted, node.lineno))
            elif isinstance(node, ast.Attribute) and node.attr in methods and not _is_module_path(dotted, aliases):
                found.append((f"torch.Tensor.{node.attr}", node.lineno))
    return _longest_per_line(found)


def _longest_per_line(found: list) -> list:
    """An Attribute chain is also walked as its inner parts: keep the longest match per line."""
    unique: dict[int, set] = {}
    for name, line in found:
        unique.setdefault(line, set()).add(name)
    return sorted((name, line) for line, names in unique.items() for name in names
                  if not any(other != name and other.startswith(name + ".") for other in names))


def _import_aliases(tree) -> dict:
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _resolve(node, aliases):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in aliases:
        return None
    return ".".join([aliases[node.id], *reversed(parts)])


def _is_module_path(dotted, aliases) -> bool:
    """True when an attribute chain resolves into a module path (torch.softmax), not a tensor (x.softmax)."""
    return dotted is not None and dotted.split(".")[0] in {v.split(".")[0] for v in aliases.values()}


# ---- runtime (inside the attempt worker; torch is imported there) ------------------------


class RuleBroken(Exception):
    """Raised inside the attempt when it calls a forbidden function or builds a too-large tensor."""

    def __init__(self, kind: str, message: str, line: int | None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line


def attempt_line(filename: str) -> int | None:
    """The innermost line of the attempt's file on the current call stack."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None


def resolve_forbidden(forbid: list) -> dict:
    """{id(object): (dotted name, object)} for each forbidden name that exists in this torch."""
    return _resolve_names(tuple(forbid))


@functools.cache  # a worker builds a mode per case; finding the names imports modules
def _resolve_names(forbid: tuple) -> dict:
    import importlib

    resolved = {}
    for dotted in forbid:
        parts = dotted.split(".")
        obj: object = None
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            try:
                for attr in parts[cut:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                obj = None
            break
        if obj is not None:
            resolved[id(obj)] = (dotted, obj)
    return resolved


def forbidden_mode(forbid: list, filename: str):
    """A TorchFunctionMode that raises RuleBroken on any call of a forbidden function, whatever its alias."""
    from torch.overrides import TorchFunctionMode

    resolved = resolve_forbidden(forbid)
    packages = _module_files(resolved)
    codes = _function_codes(resolved)

    class ForbiddenMode(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            hit = resolved.get(id(func))
            if hit is not None and hit[1] is func:
                raise RuleBroken("forbidden", f"calls {hit[0]}, which this problem forbids",
                                 attempt_line(filename))
            inside = _running_inside(packages, codes) if packages or codes else None
            if inside is not None:
                raise RuleBroken("forbidden", f"uses {inside}, which this problem forbids",
                                 attempt_line(filename))
            return func(*args, **(kwargs or {}))

    return ForbiddenMode()


def _function_codes(resolved: dict) -> dict:
    """{code object: dotted name} for forbidden plain-Python functions (torch.nn.utils.clip_grad_norm_):
    they are not dispatched through __torch_function__, but the torch ops they run are."""
    codes = {}
    for dotted, obj in resolved.values():
        code = getattr(obj, "__code__", None)
        if code is not None:
            codes[code] = dotted
    return codes


def _module_files(resolved: dict) -> dict:
    """{file or folder prefix: dotted name} for forbidden entries that are modules (torch.optim: all of it)."""
    import os
    import types

    files = {}
    for dotted, obj in resolved.values():
        path = getattr(obj, "__file__", None) if isinstance(obj, types.ModuleType) else None
        if path:
            is_package = os.path.basename(path) == "__init__.py"
            files[os.path.dirname(path) + os.sep if is_package else path] = dotted
    return files


def _running_inside(files: dict, codes: dict) -> str | None:
    """The forbidden module or function whose code is on the call stack, if any: a torch call made by
    e.g. an optimizer's step or a forbidden helper written in Python."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        if frame.f_code in codes:
            return codes[frame.f_code]
        name = frame.f_code.co_filename
        for prefix, dotted in files.items():
            if name.startswith(prefix):
                return dotted
        frame = frame.f_back
    return None


def forbidden_module_classes(forbid: list) -> dict:
    import torch

    return {obj: dotted for dotted, obj in resolve_forbidden(forbid).values()
            if isinstance(obj, type) and issubclass(obj, torch.nn.Module)}


def dispatch_mode(limit: int | None, expression: str, aten: dict, filename: str):
    """A TorchDispatchMode that sees every ATen op, whatever Python route reached it: raises RuleBroken
    on an op only a forbidden function produces (`aten`, from forbidden_aten) and, with a `limit`,
    when an op produces a tensor larger than `limit` elements."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_flatten

    class AttemptDispatchMode(TorchDispatchMode):
        @classmethod
        def _should_skip_dynamo(cls):
            # By default torch wraps __torch_dispatch__ in dynamo.disable, whose first call imports
            # torch._dynamo: seconds in every fresh worker. Attempts are never compiled, so skip it.
            return False

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            banned = aten.get(func._schema.name)
            if banned is not None:
                raise RuleBroken("forbidden", f"calls {banned} (reached as {func._schema.name}), which this "
                                 "problem forbids", attempt_line(filename))
            out = func(*args, **(kwargs or {}))
            if limit is not None:
                for value in tree_flatten(out)[0]:
                    if isinstance(value, torch.Tensor) and value.numel() > limit:
                        raise RuleBroken(
                            "rule",
                            f"{func.__name__} built a tensor of shape {tuple(value.shape)} "
                            f"({value.numel():,} elements); this problem allows at most {limit:,} "
                            f"({expression}) for any intermediate",
                            attempt_line(filename),
                        )
            return out

    return AttemptDispatchMode()


def float32_observer(filename: str, record: dict):
    """A TorchFunctionMode for the float64 pass: remembers the first op of the attempt's own file that
    returns a lower-precision float tensor (x.float(), a float32 constant), to word the precision note."""
    import torch
    from torch.overrides import TorchFunctionMode

    low = (torch.float32, torch.float16, torch.bfloat16)

    class Float32Observer(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            if not record and isinstance(out, torch.Tensor) and out.dtype in low:
                line = attempt_line(filename)
                if line is not None:
                    record.update(op=getattr(func, "__name__", str(func)), line=line)
            return out

    return Float32Observer()


def snapshot_torch() -> dict:
    """Torch's public callables as loaded now, to detect an attempt that monkeypatches them."""
    import torch
    import torch.nn.functional
    import torch.testing

    snap = {}
    for label, namespace in (("torch", torch), ("torch.nn.functional", torch.nn.functional),
                             ("torch.Tensor", torch.Tensor), ("torch.testing", torch.testing),
                             ("torch.nn.Module", torch.nn.Module), ("torch.autograd", torch.autograd)):
        for name, value in list(vars(namespace).items()):
            if not name.startswith("__") and callable(value):
                snap[f"{label}.{name}"] = (namespace, name, value)
    return snap


_MISSING = object()


def tampered(snapshot: dict) -> list:
    """Names the attempt rebound. Torch rebinding its own functions when it lazily loads a part
    (torch._dynamo wraps torch.manual_seed the first time an optimizer is built) is not tampering."""
    changed = []
    for dotted, (namespace, name, original) in snapshot.items():
        current = vars(namespace).get(name, _MISSING)
        if current is not original and not _torch_rewrapped(current, original):
            changed.append(dotted)
    return changed


def _torch_rewrapped(current, original) -> bool:
    """True when `current` is torch's own wrapper around `original` (functools.wraps chain, torch code)."""
    import os

    import torch

    torch_dir = os.path.dirname(torch.__file__) + os.sep
    seen = 0
    while current is not None and seen < 8:
        code = getattr(current, "__code__", None)
        if code is None or not code.co_filename.startswith(torch_dir):
            return False
        current = getattr(current, "__wrapped__", None)
        if current is original:
            return True
        seen += 1
    return False


# ---- guards that hold when the attempt tries to switch the rules off (issue 11) -------------------

# What an attempt may not touch at all: torch's private dispatch surface (disabling or popping
# drill's modes, calling an op below the function the problem forbids) and the interpreter's
# back doors to drill's own objects (frames, the garbage collector, ctypes, drill itself).
_PRIVATE_MODULES = ("torch.ops", "torch.overrides", "torch.library", "torch._C", "drill", "ctypes", "_ctypes")
_PRIVATE_NAMES = {"sys._getframe", "sys.modules", "sys.settrace", "sys.setprofile", "sys.addaudithook",
                  "gc.get_objects", "gc.get_referrers", "gc.get_referents", "inspect.currentframe",
                  "inspect.stack", "inspect.getouterframes", "inspect.getmembers", "builtins.__import__"}
_PRIVATE_ATTRS = {"f_back", "f_globals", "f_locals", "f_builtins", "tb_frame", "gi_frame", "cr_frame", "ag_frame",
                  "__subclasses__", "__globals__", "__closure__", "__torch_function__", "__torch_dispatch__"}


def scan_private(source: str) -> list:
    """[(name, line)] for each use of torch's private surface or of the interpreter's back doors."""
    tree = ast.parse(source)
    aliases = _import_aliases(tree)
    found = []

    def private(dotted):
        if dotted is None:
            return False
        if dotted in _PRIVATE_NAMES or any(dotted == m or dotted.startswith(m + ".") for m in _PRIVATE_MODULES):
            return True
        parts = dotted.split(".")
        return parts[0] == "torch" and any(p.startswith("_") and not p.startswith("__") for p in parts[1:])

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names if private(f"{node.module}.{a.name}")]
            if private(node.module):
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if private(a.name)]
        elif isinstance(node, ast.Attribute):
            dotted = _resolve(node, aliases)
            if private(dotted):
                found.append((dotted, node.lineno))
            elif node.attr in _PRIVATE_ATTRS:
                found.append((node.attr, node.lineno))
        elif isinstance(node, ast.Name) and node.id in _PRIVATE_ATTRS:
            found.append((node.id, node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and private(node.value):
            found.append((node.value, node.lineno))  # __import__("torch._C"), getattr(torch, ...) by a full name
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "delattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            dotted = _resolve(node.args[0], aliases) if isinstance(node.args[0], (ast.Name, ast.Attribute)) else None
            if dotted and private(f"{dotted}.{node.args[1].value}"):
                found.append((f"{dotted}.{node.args[1].value}", node.lineno))
    return _longest_per_line(found)


# The ATen ops below each forbidden function: a call that reaches one by another route (F.softmin(-x)
# computes softmax; torch.ops.aten._softmax skips the Python function) breaks the rule all the same.
# Only ops that nothing but that function produces: a hand-written version never reaches them.
_ATEN_BY_NAME = {
    "softmax": ("_softmax", "_softmax_backward_data", "_safe_softmax"),
    "log_softmax": ("_log_softmax", "_log_softmax_backward_data"),
    "logsoftmax": ("_log_softmax", "_log_softmax_backward_data"),
    "layer_norm": ("native_layer_norm", "native_layer_norm_backward"),
    "layernorm": ("native_layer_norm", "native_layer_norm_backward"),
    "batch_norm": ("native_batch_norm", "native_batch_norm_backward", "_native_batch_norm_legit",
                   "_native_batch_norm_legit_no_training", "_native_batch_norm_legit_functional"),
    "batchnorm1d": ("native_batch_norm", "native_batch_norm_backward", "_native_batch_norm_legit",
                    "_native_batch_norm_legit_no_training", "_native_batch_norm_legit_functional"),
    "gelu": ("gelu", "gelu_backward"),
    "linear": ("addmm",),
    "addmm": ("addmm",),
    "scaled_dot_product_attention": ("_safe_softmax", "_scaled_dot_product_attention_math",
                                     "_scaled_dot_product_flash_attention_for_cpu", "_scaled_dot_product_flash_attention",
                                     "_scaled_dot_product_efficient_attention", "_scaled_dot_product_cudnn_attention"),
    "nll_loss": ("nll_loss_forward", "nll_loss2d_forward", "nll_loss_backward", "nll_loss2d_backward"),
    "lstsq": ("linalg_lstsq",),
    "pinv": ("linalg_pinv",),
    "quantize_per_tensor": ("quantize_per_tensor", "quantize_per_tensor_dynamic"),
    "quantize_per_channel": ("quantize_per_channel",),
}


def forbidden_aten(forbid: list) -> dict:
    """{"aten::_softmax": "torch.softmax", ...}: the ATen ops that only the forbidden functions reach."""
    ops: dict[str, str] = {}
    for dotted in forbid:
        for op in _ATEN_BY_NAME.get(dotted.rsplit(".", 1)[-1].lower(), ()):
            ops.setdefault(f"aten::{op}", dotted)
    return ops


def check_modes(function_modes: list, dispatch_modes: list, filename: str) -> None:
    """After each call: drill's modes must still be on torch's stacks; one that vanished fails the attempt."""
    import torch
    from torch.utils._python_dispatch import _get_current_dispatch_mode_stack

    function_stack = torch.overrides._get_current_function_mode_stack()
    dispatch_stack = _get_current_dispatch_mode_stack()
    gone = [m for m in function_modes if not any(m is s for s in function_stack)]
    gone += [m for m in dispatch_modes if not any(m is s for s in dispatch_stack)]
    if gone or not torch._C._is_torch_function_enabled():
        raise RuleBroken("forbidden", "switched off drill's checks of forbidden calls (a torch mode was popped "
                         "or disabled); attempts must not touch torch's dispatch machinery", attempt_line(filename))
