# fail: loops over batch and heads but still builds a full Tq x Tk score matrix for each one
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[2]
    out = []
    for b in range(B):
        heads = []
        for h in range(H):
            s = q[b, h] @ k[b, h].T / math.sqrt(Dh)
            if causal:
                s = s.masked_fill(torch.arange(Tk)[None, :] > torch.arange(Tq)[:, None], float("-inf"))
            heads.append(torch.softmax(s, -1) @ v[b, h])
        out.append(torch.stack(heads))
    return torch.stack(out)
