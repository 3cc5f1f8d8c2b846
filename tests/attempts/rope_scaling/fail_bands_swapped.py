# fail: interpolates the high frequencies and keeps the low ones
import math

import torch


def llama3_inv_freq(dim, base=500000.0, factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                    original_max_position=8192, dtype=torch.float32):
    f = 1.0 / base ** (torch.arange(0, dim, 2, dtype=dtype) / dim)
    w = 2 * math.pi / f
    s = (original_max_position / w - low_freq_factor) / (high_freq_factor - low_freq_factor)
    mid = (1 - s) * f / factor + s * f
    out = torch.where(w > original_max_position / low_freq_factor, f, mid)
    return torch.where(w < original_max_position / high_freq_factor, f / factor, out)
