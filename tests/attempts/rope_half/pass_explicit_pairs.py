# pass: rotates (x[i], x[i + D/2]) explicitly with half-width cos/sin and concatenates
import torch


def apply_rope_half(x, positions, base=10000.0):
    D = x.shape[-1]
    h = D // 2
    theta = torch.pow(torch.tensor(base, dtype=torch.float64), -2.0 * torch.arange(h, dtype=torch.float64) / D)
    ang = positions.double().view(1, -1, 1, 1) * theta.view(1, 1, 1, h)   # (1, T, 1, h)
    c, s = torch.cos(ang).to(x.dtype), torch.sin(ang).to(x.dtype)
    lo, hi = x[..., :h], x[..., h:]
    return torch.cat([lo * c - hi * s, lo * s + hi * c], dim=-1)
