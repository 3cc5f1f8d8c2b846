# Correct: explicit loop over query heads, each reading kv head h // G by column slices; additive -inf bias.
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
        self.register_buffer("scale", torch.tensor(1.0 / math.sqrt(self.head_dim)), persistent=False)

    def forward(self, x, causal=True):
        T = x.shape[1]
        Dh = self.head_dim
        G = self.num_heads // self.num_kv_heads
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        bias = torch.zeros(T, T, dtype=x.dtype, device=x.device)
        if causal:
            bias = bias.masked_fill(torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1), float("-inf"))
        outs = []
        for h in range(self.num_heads):
            kv = h // G
            qh = q[:, :, h * Dh:(h + 1) * Dh]
            kh = k[:, :, kv * Dh:(kv + 1) * Dh]
            vh = v[:, :, kv * Dh:(kv + 1) * Dh]
            s = qh @ kh.transpose(1, 2) / math.sqrt(Dh) + bias
            outs.append(torch.softmax(s, dim=-1) @ vh)
        return self.o_proj(torch.cat(outs, dim=-1))
