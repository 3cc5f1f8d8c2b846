# pass: a Python loop over heads slicing the projection columns, manual softmax, torch.cat to merge
import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        T = x.shape[1]
        dh = x.shape[2] // self.num_heads
        Q, K, V = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        heads = []
        for h in range(self.num_heads):
            cols = slice(h * dh, (h + 1) * dh)
            s = Q[..., cols] @ K[..., cols].transpose(1, 2) / math.sqrt(dh)
            if causal:
                s = s.masked_fill(torch.arange(T)[None, :] > torch.arange(T)[:, None], -math.inf)
            s = s - s.amax(-1, keepdim=True)
            p = s.exp()
            p = p / p.sum(-1, keepdim=True)
            heads.append(p @ V[..., cols])
        return self.o_proj(torch.cat(heads, dim=-1))
