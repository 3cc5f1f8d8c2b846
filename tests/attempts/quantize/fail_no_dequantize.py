# fail: correct quantize_int8, but the file forgets dequantize_int8
import torch


def quantize_int8(x, per_channel=False):
    amax = x.abs().amax(dim=1, keepdim=True) if per_channel else x.abs().amax()
    scale = amax.clamp(min=1e-8) / 127
    return torch.round(x / scale).clamp(-127, 127).to(torch.int8), scale
