# fail: lets torch's fake-quantize op do the rounding and clamping (forbidden)
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    N, K = x.shape
    qmax = 2**bits - 1
    g = x.reshape(N, K // group_size, group_size)
    lo = g.amin(-1).clamp(max=0)
    hi = g.amax(-1).clamp(min=0)
    scale = (hi - lo).clamp(min=1e-8) / qmax
    zero = torch.round(-lo / scale).clamp(0, qmax)
    flat = g.reshape(-1, group_size)
    x_hat = torch.fake_quantize_per_channel_affine(
        flat, scale.reshape(-1).float(), zero.reshape(-1).int(), 0, 0, qmax).reshape(N, K)
    q = (torch.round(x / scale.repeat_interleave(group_size, 1)) + zero.repeat_interleave(group_size, 1))
    return q.clamp(0, qmax).to(torch.uint8), scale, zero.to(torch.uint8), x_hat
