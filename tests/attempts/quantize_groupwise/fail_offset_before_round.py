# fail: rounds (x - lo) / scale in one go instead of round(x / scale) + integer zero point
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    qmax = 2**bits - 1
    g = x.reshape(N, K // group_size, group_size)
    lo = g.amin(-1, keepdim=True).clamp(max=0)
    hi = g.amax(-1, keepdim=True).clamp(min=0)
    scale = (hi - lo).clamp(min=1e-8) / qmax
    q = torch.round((g - lo) / scale).clamp(0, qmax)
    zero = torch.round(-lo / scale)
    x_hat = (q - zero) * scale
    return (q.to(torch.uint8).reshape(N, K), scale.squeeze(-1), zero.squeeze(-1).to(torch.uint8),
            x_hat.reshape(N, K))
