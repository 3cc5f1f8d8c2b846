# pass: expands the single kv head to H heads explicitly, einsum scores, tril keep-mask
import math

import torch
import torch.nn as nn


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.n_head = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.v_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        bsz, n, d = x.shape
        hd = d // self.n_head
        q = self.q_proj(x).reshape(bsz, n, self.n_head, hd).permute(0, 2, 1, 3)
        k = self.k_proj(x)[:, None].expand(bsz, self.n_head, n, hd)
        v = self.v_proj(x)[:, None].expand(bsz, self.n_head, n, hd)
        s = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(hd)
        if causal:
            s = s.masked_fill(~torch.tril(torch.ones(n, n, dtype=torch.bool)), float("-inf"))
        w = torch.softmax(s, dim=-1)
        y = torch.einsum("bhij,bhjd->bhid", w, v)
        return self.o_proj(y.permute(0, 2, 1, 3).reshape(bsz, n, d))
