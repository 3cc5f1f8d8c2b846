# fail: masks with torch.triu(ones) including the diagonal, so a token cannot see itself (first row NaN)
import math

import torch
import torch.nn as nn


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.v_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        H = self.num_heads
        q = self.q_proj(x).view(B, T, H, D // H).transpose(1, 2)
        k = self.k_proj(x).unsqueeze(1)
        v = self.v_proj(x).unsqueeze(1)
        s = q @ k.transpose(-2, -1) / math.sqrt(D // H)
        if causal:
            s = s.masked_fill(torch.triu(torch.ones(T, T)).bool(), float("-inf"))
        return self.o_proj((s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, D))
