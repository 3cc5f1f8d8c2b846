# fail under the contract: every query at once against one key block ((B, H, Tq, block) tiles) is larger than max(B*H*block², B*H*max(Tq,Tk)*Dh) when Dh <= block/2
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[-2]
    qs = q / math.sqrt(Dh)
    row_max = q.new_full((B, H, Tq, 1), -float("inf"))
    denom = q.new_zeros((B, H, Tq, 1))
    numer = q.new_zeros((B, H, Tq, Dh))
    qi = torch.arange(Tq).view(Tq, 1)
    for start in range(0, Tk, block_size):
        kb = k[..., start:start + block_size, :]
        vb = v[..., start:start + block_size, :]
        s = qs @ kb.transpose(-1, -2)
        if causal:
            kj = torch.arange(start, start + kb.shape[-2]).view(1, -1)
            s = s.masked_fill(kj > qi, -float("inf"))
        new_max = torch.max(row_max, s.amax(-1, keepdim=True))
        # rows whose keys so far are all masked keep -inf; guard exp(-inf - -inf)
        safe = torch.where(torch.isinf(new_max), torch.zeros_like(new_max), new_max)
        corr = torch.exp(row_max - safe)
        p = torch.exp(s - safe)
        denom = denom * corr + p.sum(-1, keepdim=True)
        numer = numer * corr + p @ vb
        row_max = new_max
    return numer / denom
