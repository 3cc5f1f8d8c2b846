# fail: rescales the running sum when the max grows, but forgets to rescale the output accumulator
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[2]
    out = []
    for i in range(0, Tq, block_size):
        qb = q[:, :, i:i + block_size] / math.sqrt(Dh)
        m = torch.full(qb.shape[:-1] + (1,), -math.inf, dtype=q.dtype)
        l = torch.zeros_like(m)
        acc = torch.zeros_like(qb)
        rows = torch.arange(i, i + qb.shape[2])[:, None]
        for j in range(0, Tk, block_size):
            s = qb @ k[:, :, j:j + block_size].transpose(-1, -2)
            if causal:
                s = s.masked_fill(torch.arange(j, j + s.shape[-1])[None, :] > rows, -math.inf)
            mn = torch.maximum(m, s.amax(-1, keepdim=True))
            p = (s - mn).exp()
            l = (m - mn).exp() * l + p.sum(-1, keepdim=True)
            acc = acc + p @ v[:, :, j:j + block_size]
            m = mn
        out.append(acc / l)
    return torch.cat(out, 2)
