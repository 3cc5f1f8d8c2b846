# fail: rounds ties up with floor(v + 0.5) instead of half to even
import torch


def quantize_int8(x, per_channel=False):
    amax = x.abs().amax(dim=1, keepdim=True) if per_channel else x.abs().amax()
    scale = amax.clamp(min=1e-8) / 127
    q = torch.floor(x / scale + 0.5).clamp(-127, 127).to(torch.int8)
    return q, scale


def dequantize_int8(q, scale):
    return q.to(scale.dtype) * scale
