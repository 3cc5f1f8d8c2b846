# Correct: builds an additive -inf bias from the mask, loops over batch and heads with 2-D matmuls.
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    B, H, Tq, Dh = q.shape
    Tk = k.shape[-2]
    bias = torch.zeros(Tq, Tk, dtype=q.dtype, device=q.device)
    if mask is not None:
        full = torch.broadcast_to(mask, (B, H, Tq, Tk))
    outs = []
    for b in range(B):
        heads = []
        for h in range(H):
            s = q[b, h] @ k[b, h].T / math.sqrt(Dh)
            if mask is not None:
                s = s + bias.masked_fill(~full[b, h], float("-inf"))
            w = torch.softmax(s, dim=-1)
            heads.append(w @ v[b, h])
        outs.append(torch.stack(heads))
    return torch.stack(outs)
