# fail: rotate_half pairs but the angle table laid out with repeat_interleave (theta0, theta0, theta1, ...)
import torch


def apply_rope_half(x, positions, base=10000.0):
    d = x.shape[-1]
    inv = 1.0 / base ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    ang = (positions.double()[:, None] * inv).repeat_interleave(2, dim=-1)
    cos = ang.cos().to(x.dtype)[None, :, None, :]
    sin = ang.sin().to(x.dtype)[None, :, None, :]
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * cos + torch.cat((-x2, x1), dim=-1) * sin
