# Buggy: uses the GPT-NeoX / HF rotate-half layout (pairs i, i+Dh/2) for the interleaved problem.
import torch


def apply_rope(x, positions, base=10000.0):
    Dh = x.shape[-1]
    inv_freq = base ** (-torch.arange(0, Dh, 2, dtype=torch.float64) / Dh)
    ang = positions.double()[:, None] * inv_freq[None, :]
    ang = torch.cat([ang, ang], dim=-1)
    cos = ang.cos().to(x.dtype)[None, :, None, :]
    sin = ang.sin().to(x.dtype)[None, :, None, :]
    x1, x2 = x[..., : Dh // 2], x[..., Dh // 2:]
    rot = torch.cat([-x2, x1], dim=-1)
    return x * cos + rot * sin
