# fail: takes the scale from a torch.ao observer (forbidden) instead of computing it
import torch
from torch.ao.quantization.observer import MinMaxObserver


def quantize_int8(x, per_channel=False):
    if per_channel:
        scale = x.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127
    else:
        obs = MinMaxObserver(dtype=torch.qint8, qscheme=torch.per_tensor_symmetric)
        obs(x)
        scale = obs.calculate_qparams()[0].reshape(()).to(x.dtype)
    return torch.round(x / scale).clamp(-127, 127).to(torch.int8), scale


def dequantize_int8(q, scale):
    return q.to(scale.dtype) * scale
