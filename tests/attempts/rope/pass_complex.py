# pass: Meta-LLaMA style, adjacent pairs as complex numbers multiplied by e^{i p theta}
import torch


def apply_rope(x, positions, base=10000.0):
    B, T, H, D = x.shape
    freqs = 1.0 / (base ** (torch.arange(0, D, 2, dtype=torch.float64) / D))
    angles = torch.outer(positions.to(torch.float64), freqs)          # (T, D/2)
    rot = torch.polar(torch.ones_like(angles), angles)                # complex128
    xc = torch.view_as_complex(x.to(torch.float64).reshape(B, T, H, D // 2, 2).contiguous())
    out = torch.view_as_real(xc * rot[None, :, None, :]).reshape(B, T, H, D)
    return out.to(x.dtype)
