# Correct: GPT-J style rotate_every_two with repeat_interleaved cos/sin of shape (T, Dh).
import math
import torch


def rotate_every_two(x):
    x1 = x[..., ::2]
    x2 = x[..., 1::2]
    return torch.stack((-x2, x1), dim=-1).reshape(x.shape)


def apply_rope(x, positions, base=10000.0):
    Dh = x.shape[-1]
    exps = torch.arange(Dh // 2, dtype=torch.float64) * (-2.0 / Dh) * math.log(base)
    theta = torch.exp(exps)
    ang = positions.to(torch.float64).unsqueeze(-1) * theta               # (T, Dh/2)
    ang = ang.repeat_interleave(2, dim=-1)                                # (T, Dh)
    cos = ang.cos().to(x.dtype).unsqueeze(1)                              # (T, 1, Dh)
    sin = ang.sin().to(x.dtype).unsqueeze(1)
    return x * cos + rotate_every_two(x) * sin
