# fail: divides the range by 2**bits instead of 2**bits - 1
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    g = x.reshape(N, K // group_size, group_size)
    lo = g.amin(-1).clamp(max=0)
    hi = g.amax(-1).clamp(min=0)
    scale = (hi - lo).clamp(min=1e-8) / (2**bits)
    zero = torch.round(-lo / scale).clamp(0, 2**bits - 1)
    q = (torch.round(g / scale[..., None]) + zero[..., None]).clamp(0, 2**bits - 1)
    x_hat = (q - zero[..., None]) * scale[..., None]
    return q.to(torch.uint8).reshape(N, K), scale, zero.to(torch.uint8), x_hat.reshape(N, K)
