# pass: even/odd strided slices written into a new tensor, angles in x's dtype
import torch


def apply_rope(x, positions, base=10000.0):
    d = x.shape[-1]
    inv = base ** (-torch.arange(0, d, 2, dtype=x.dtype) / d)
    ang = positions.to(x.dtype).unsqueeze(-1) * inv                  # (T, d/2)
    cos = ang.cos().unsqueeze(0).unsqueeze(2)
    sin = ang.sin().unsqueeze(0).unsqueeze(2)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = torch.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out
