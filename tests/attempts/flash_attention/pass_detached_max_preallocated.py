# pass: FlashAttention-2 loop order (query blocks outside), the running max detached (the shift cancels
# in the softmax, so its gradient is zero anyway), einsum for both products, output preallocated and
# filled block by block
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[2]
    scale = 1.0 / math.sqrt(Dh)
    out = torch.empty_like(q)
    for i0 in range(0, Tq, block_size):
        qi = q[:, :, i0:i0 + block_size] * scale            # (B, H, bq, Dh)
        bq = qi.shape[2]
        m = torch.full((B, H, bq, 1), -math.inf, dtype=q.dtype)
        l = torch.zeros(B, H, bq, 1, dtype=q.dtype)
        acc = torch.zeros(B, H, bq, Dh, dtype=q.dtype)
        stop = min(Tk, i0 + bq) if causal else Tk
        for j0 in range(0, stop, block_size):
            kj, vj = k[:, :, j0:j0 + block_size], v[:, :, j0:j0 + block_size]
            s = torch.einsum("bhqd,bhkd->bhqk", qi, kj)         # (B, H, bq, bk)
            if causal:
                qpos = torch.arange(i0, i0 + bq).view(-1, 1)     # (bq, 1)
                kpos = torch.arange(j0, j0 + kj.shape[2]).view(1, -1)  # (1, bk)
                s = s.masked_fill(kpos > qpos, -math.inf)
            m_new = torch.maximum(m, s.amax(dim=-1, keepdim=True)).detach()
            p = torch.exp(s - m_new)
            corr = torch.exp(m - m_new)
            l = corr * l + p.sum(dim=-1, keepdim=True)
            acc = corr * acc + torch.einsum("bhqk,bhkd->bhqd", p, vj)
            m = m_new
        out[:, :, i0:i0 + bq] = acc / l
    return out
