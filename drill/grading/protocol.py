"""What crosses the process boundary: plain Python data only.

The attempt's results are encoded into builtins (tensors become raw bytes plus dtype
and shape) and decoded with an unpickler that refuses every class, so nothing an
attempt returns can run code in a trusted process.
"""

import ctypes
import io
import pickle

TENSOR = "__tensor__"
TUPLE = "__tuple__"
OBJECT = "__object__"
DTYPE = "__dtype__"


def encode(value):
    """Turn a result into builtins. Tensors -> {TENSOR: (dtype, shape, bytes)}."""
    import torch

    if isinstance(value, torch.Tensor):
        if type(value) is not torch.Tensor and not isinstance(value, torch.nn.Parameter):
            return {OBJECT: f"a {type(value).__name__} (a Tensor subclass)"}
        data = value.detach().cpu().clone(memory_format=torch.contiguous_format)
        dtype = str(data.dtype).removeprefix("torch.")
        raw = ctypes.string_at(data.data_ptr(), data.nbytes) if data.numel() else b""  # the clone's own bytes
        return {TENSOR: (dtype, list(data.shape), raw)}
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, torch.dtype):  # an input such as rope_scaling's dtype=torch.float64
        return {DTYPE: str(value).removeprefix("torch.")}
    if isinstance(value, tuple):
        return {TUPLE: [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"__dict__": {k: encode(v) for k, v in value.items()}}
    return {OBJECT: f"a {type(value).__name__}"}


MAX_DEPTH = 64             # nesting of lists, tuples and dicts in one result
MAX_NODES = 1_000_000      # values of any kind in one result
MAX_DATA_BYTES = 1 << 30   # tensor bytes in one result, each occurrence counted
DTYPES = {"float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool",
          "complex64", "complex128"}


class Malformed(ValueError):
    """Data from the attempt's process that is not what drill sent it to produce."""


def check_bounds(value) -> None:
    """Refuse shared references (a small pickle that decodes to gigabytes), deep nesting, too many values,
    and tensor headers that do not match their bytes. Iterative: no recursion to exhaust."""
    seen = set()
    stack = [(value, 0)]
    nodes = data_bytes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise Malformed(f"more than {MAX_NODES:,} values")
        if depth > MAX_DEPTH:
            raise Malformed(f"nested deeper than {MAX_DEPTH}")
        if isinstance(item, (list, tuple, dict, bytearray)) and item != ():   # () is a singleton too
            if id(item) in seen:
                raise Malformed("a shared reference (the same object twice)")
            seen.add(id(item))
        if isinstance(item, dict):
            if TENSOR in item:
                _check_tensor(item[TENSOR])
                if id(item[TENSOR]) in seen:
                    raise Malformed("a shared reference (the same tensor twice)")
                seen.add(id(item[TENSOR]))
                # the bytes may be shared: CPython keeps one object for b"" and for each single byte, so two
                # one-element bool tensors pickle as one; count them as often as they appear instead
                data_bytes += len(item[TENSOR][2])
                if data_bytes > MAX_DATA_BYTES:
                    raise Malformed(f"more than {MAX_DATA_BYTES >> 20} MB of tensor data")
                continue
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item if not isinstance(k, str))
        elif isinstance(item, (list, tuple)):
            stack.extend((v, depth + 1) for v in item)
        elif not isinstance(item, (str, int, float, bool, type(None), bytes)):
            raise Malformed(f"a {type(item).__name__}")


def _check_tensor(header) -> None:
    if not (isinstance(header, tuple) and len(header) == 3):
        raise Malformed("a tensor without (dtype, shape, bytes)")
    dtype, shape, raw = header
    if dtype not in DTYPES or not isinstance(raw, bytes) or not isinstance(shape, list) or len(shape) > 16:
        raise Malformed("a tensor with a bad dtype, shape or data")
    if not all(type(d) is int and 0 <= d <= 2**40 for d in shape):
        raise Malformed("a tensor with a bad shape")
    count = 1
    for d in shape:
        count *= d
    size = {"float64": 8, "int64": 8, "complex64": 8, "complex128": 16, "float32": 4, "int32": 4,
            "float16": 2, "bfloat16": 2, "int16": 2}.get(dtype, 1)
    if count * size != len(raw):
        raise Malformed(f"a tensor of shape {shape} with {len(raw)} bytes")


def decode(value):
    """Inverse of encode, in a trusted process (after check_bounds for data from the attempt)."""
    import torch

    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if TENSOR in value:
            dtype, shape, raw = value[TENSOR]
            torch_dtype = getattr(torch, dtype)
            if not raw:
                return torch.empty(shape, dtype=torch_dtype)
            return torch.frombuffer(bytearray(raw), dtype=torch_dtype).reshape(shape)
        if TUPLE in value:
            return tuple(decode(v) for v in value[TUPLE])
        if "__dict__" in value:
            return {k: decode(v) for k, v in value["__dict__"].items()}
        if DTYPE in value and value[DTYPE] in DTYPES:
            return getattr(torch, value[DTYPE])
        if OBJECT in value:
            return Opaque(value[OBJECT])
    return value


class Opaque:
    """Stands for a returned object that is not plain data (only its description crossed over)."""

    def __init__(self, description: str):
        self.description = description

    def __repr__(self):
        return self.description


class _RefusingUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused to load {module}.{name}")


def safe_loads(data: bytes):
    """Unpickle builtins only; raises pickle.UnpicklingError for anything else."""
    return _RefusingUnpickler(io.BytesIO(data)).load()


def dumps(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


_VISIBLE = {"\r": "\\r", "\x1b": "\\x1b", "\x07": "\\a", "\x08": "\\b", "\x7f": "\\x7f"}


def inert(text: str) -> str:
    """Text from the attempt made harmless to show: control and format characters (ESC, OSC 52, \\r,
    bidi overrides) become visible escapes such as \\x1b; newlines and tabs stay."""
    if text.isprintable() or not any(_hidden(c) for c in text):
        return text
    return "".join(_escape(c) if _hidden(c) else c for c in text)


def _hidden(char: str) -> bool:
    import unicodedata

    return char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _escape(char: str) -> str:
    if char in _VISIBLE:
        return _VISIBLE[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
