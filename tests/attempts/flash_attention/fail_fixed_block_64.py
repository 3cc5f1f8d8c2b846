# fail: a correct tiled kernel that ignores the block_size argument and always uses 64 (tiles too big for the rule)
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[2]
    bs = 64
    out = []
    for i in range(0, Tq, bs):
        qb = q[:, :, i:i + bs] / math.sqrt(Dh)
        m = torch.full(qb.shape[:-1] + (1,), -math.inf, dtype=q.dtype)
        l = torch.zeros_like(m)
        acc = torch.zeros_like(qb)
        rows = torch.arange(i, i + qb.shape[2])[:, None]
        for j in range(0, Tk, bs):
            s = qb @ k[:, :, j:j + bs].transpose(-1, -2)
            if causal:
                s = s.masked_fill(torch.arange(j, j + s.shape[-1])[None, :] > rows, -math.inf)
            mn = torch.maximum(m, s.amax(-1, keepdim=True))
            p = (s - mn).exp()
            a = (m - mn).exp()
            l = a * l + p.sum(-1, keepdim=True)
            acc = a * acc + p @ v[:, :, j:j + bs]
            m = mn
        out.append(acc / l)
    return torch.cat(out, 2)
