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
    if isinstance(value, tuple):
        return {TUPLE: [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"__dict__": {k: encode(v) for k, v in value.items()}}
    return {OBJECT: f"a {type(value).__name__}"}


def decode(value):
    """Inverse of encode, in a trusted process."""
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
