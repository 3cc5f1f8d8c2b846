# pass: reshape to groups, torch.minimum/maximum against 0, reciprocal of the scale
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    qmax = 2**bits - 1
    g = x.reshape(N, -1, group_size)
    zero_t = torch.zeros((), dtype=x.dtype)
    lo = torch.minimum(g.min(dim=2).values, zero_t)
    hi = torch.maximum(g.max(dim=2).values, zero_t)
    rng = hi - lo
    scale = torch.where(rng > 1e-8, rng, torch.full_like(rng, 1e-8)) / qmax
    zp = (-lo / scale).round().clamp(0, qmax)
    inv = (1.0 / scale).unsqueeze(-1)
    q = ((g * inv).round() + zp.unsqueeze(-1)).clamp(0, qmax)
    deq = (q - zp.unsqueeze(-1)) * scale.unsqueeze(-1)
    return q.to(torch.uint8).reshape(N, K), scale, zp.to(torch.uint8), deq.reshape(N, K)
