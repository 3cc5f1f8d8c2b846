# fail: merges heads with transpose(-1, -2) as in the seed notes, scrambling tokens and features
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
        B, T, D = x.shape
        H = self.num_heads
        q = self.q_proj(x).view(B, T, H, D // H).transpose(1, 2)
        k = self.k_proj(x).view(B, T, H, D // H).transpose(1, 2)
        v = self.v_proj(x).view(B, T, H, D // H).transpose(1, 2)
        s = q @ k.transpose(-2, -1) / math.sqrt(D // H)
        if causal:
            s = s.masked_fill(torch.tril(torch.ones(T, T)) == 0, float("-inf"))
        o = torch.softmax(s, dim=-1) @ v
        o = o.transpose(-1, -2).contiguous().view(B, -1, D)
        return self.o_proj(o)
