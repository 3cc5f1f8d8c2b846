# pass: multiplies by the reciprocal of the scale; torch.max over dims, clip
import torch


def quantize_int8(x, per_channel=False):
    if per_channel:
        amax = torch.max(torch.abs(x), dim=-1, keepdim=True).values
    else:
        amax = torch.max(torch.abs(x))
    scale = torch.clamp(amax, min=1e-8) / 127.0
    inv = 1.0 / scale
    q = torch.clip(torch.round(x * inv), -127, 127).to(torch.int8)
    return q, scale


def dequantize_int8(q, scale):
    return q.type(scale.dtype) * scale
