# fail: rounds with floor(v + 0.5) (half up) everywhere
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    qmax = 2**bits - 1
    g = x.reshape(N, K // group_size, group_size)
    lo = g.amin(-1).clamp(max=0)
    hi = g.amax(-1).clamp(min=0)
    scale = (hi - lo).clamp(min=1e-8) / qmax
    zero = torch.floor(-lo / scale + 0.5).clamp(0, qmax)
    q = (torch.floor(g / scale[..., None] + 0.5) + zero[..., None]).clamp(0, qmax)
    x_hat = (q - zero[..., None]) * scale[..., None]
    return q.to(torch.uint8).reshape(N, K), scale, zero.to(torch.uint8), x_hat.reshape(N, K)
