# pass: folds the H query heads into the query axis, (B, H*T, Dh) against the single (B, T, Dh) key head, plain 3-D bmm
import math

import torch
import torch.nn as nn


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, head_dim, bias=False)
        self.v_proj = nn.Linear(d_model, head_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        H = self.num_heads
        Dh = D // H
        q = self.q_proj(x).view(B, T, H, Dh).transpose(1, 2).reshape(B, H * T, Dh)
        k = self.k_proj(x)
        v = self.v_proj(x)
        s = torch.bmm(q, k.transpose(1, 2)) * (1.0 / math.sqrt(Dh))      # (B, H*T, T)
        if causal:
            i = torch.arange(T).repeat(H)                                  # query position of each folded row
            s = s.masked_fill(torch.arange(T)[None, :] > i[:, None], float("-inf"))
        s = s - s.max(-1, keepdim=True).values
        p = s.exp() / s.exp().sum(-1, keepdim=True)
        o = torch.bmm(p, v).view(B, H, T, Dh).transpose(1, 2).reshape(B, T, D)
        return self.o_proj(o)
