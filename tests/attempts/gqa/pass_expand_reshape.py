# pass: Llama-style repeat_kv with expand + reshape, matmul attention, tril keep-mask
import math

import torch
import torch.nn as nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads):
        super().__init__()
        self.n_heads = num_heads
        self.n_kv = num_kv_heads
        self.head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, num_kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(d_model, num_kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def repeat_kv(self, t):
        b, nkv, s, hd = t.shape
        rep = self.n_heads // nkv
        return t[:, :, None, :, :].expand(b, nkv, rep, s, hd).reshape(b, nkv * rep, s, hd)

    def forward(self, x, causal=True):
        b, s, d = x.shape
        q = self.q_proj(x).view(b, s, self.n_heads, self.head_dim).transpose(1, 2)
        k = self.repeat_kv(self.k_proj(x).view(b, s, self.n_kv, self.head_dim).transpose(1, 2))
        v = self.repeat_kv(self.v_proj(x).view(b, s, self.n_kv, self.head_dim).transpose(1, 2))
        att = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)
        if causal:
            keep = torch.tril(torch.ones(s, s, dtype=torch.bool))
            att = att.masked_fill(~keep, float("-inf"))
        out = torch.matmul(att.softmax(dim=-1), v)
        return self.o_proj(out.transpose(1, 2).contiguous().view(b, s, d))
