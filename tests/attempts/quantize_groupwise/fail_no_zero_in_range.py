# fail: min/max of the group itself, the range is not widened to contain 0
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    qmax = 2**bits - 1
    g = x.reshape(N, K // group_size, group_size)
    lo, hi = g.amin(-1), g.amax(-1)
    scale = (hi - lo).clamp(min=1e-8) / qmax
    zero = torch.round(-lo / scale).clamp(0, qmax)
    q = (torch.round(g / scale[..., None]) + zero[..., None]).clamp(0, qmax)
    x_hat = (q - zero[..., None]) * scale[..., None]
    return q.to(torch.uint8).reshape(N, K), scale, zero.to(torch.uint8), x_hat.reshape(N, K)
