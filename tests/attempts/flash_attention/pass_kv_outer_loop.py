# pass: FlashAttention-1 loop order: key blocks outside, query blocks inside, per-query-block state in lists
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, D = q.shape
    Tk = k.shape[2]
    scale = 1.0 / math.sqrt(D)
    starts = list(range(0, Tq, block_size))
    m = [None] * len(starts)
    l = [None] * len(starts)
    o = [None] * len(starts)
    for kb in range(0, Tk, block_size):
        kt = k[:, :, kb:kb + block_size]
        vt = v[:, :, kb:kb + block_size]
        cols = torch.arange(kb, kb + kt.shape[2])
        for n, qb in enumerate(starts):
            qt = q[:, :, qb:qb + block_size]
            rows = torch.arange(qb, qb + qt.shape[2])
            s = torch.einsum("bhid,bhjd->bhij", qt, kt) * scale
            if causal:
                s = torch.where(cols[None, :] <= rows[:, None], s, torch.tensor(-math.inf, dtype=s.dtype))
            blk_max = s.max(dim=-1, keepdim=True).values
            if m[n] is None:
                new_m = blk_max
                p = torch.exp(s - new_m)
                l[n] = p.sum(-1, keepdim=True)
                o[n] = torch.einsum("bhij,bhjd->bhid", p, vt)
            else:
                new_m = torch.maximum(m[n], blk_max)
                c = torch.exp(m[n] - new_m)
                p = torch.exp(s - new_m)
                l[n] = l[n] * c + p.sum(-1, keepdim=True)
                o[n] = o[n] * c + torch.einsum("bhij,bhjd->bhid", p, vt)
            m[n] = new_m
    return torch.cat([o[n] / l[n] for n in range(len(starts))], dim=2)
