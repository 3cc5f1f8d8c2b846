# Buggy: per-head loop maps query head h to kv head h % Hkv (strided groups) instead of h // G.
import math
import torch
import torch.nn as nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int, num_kv_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.num_kv_heads = num_kv_heads
        self.head_dim = d_model // num_heads
        kv_dim = num_kv_heads * self.head_dim
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, kv_dim, bias=False)
        self.v_proj = nn.Linear(d_model, kv_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        T = x.shape[1]
        Dh = self.head_dim
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        future = torch.ones(T, T, dtype=torch.bool).triu(1)
        outs = []
        for h in range(self.num_heads):
            kv = h % self.num_kv_heads
            s = q[..., h * Dh:(h + 1) * Dh] @ k[..., kv * Dh:(kv + 1) * Dh].transpose(1, 2) / math.sqrt(Dh)
            if causal:
                s = s.masked_fill(future, float("-inf"))
            outs.append(torch.softmax(s, -1) @ v[..., kv * Dh:(kv + 1) * Dh])
        return self.o_proj(torch.cat(outs, -1))
