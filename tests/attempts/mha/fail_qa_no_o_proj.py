# Buggy: defines o_proj but forgets to apply it after merging the heads.
import math
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.h = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        Dh = D // self.h
        q = self.q_proj(x).view(B, T, self.h, Dh).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.h, Dh).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.h, Dh).transpose(1, 2)
        s = q @ k.transpose(-2, -1) / math.sqrt(Dh)
        if causal:
            s = s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
        o = torch.softmax(s, -1) @ v
        return o.transpose(1, 2).reshape(B, T, D)
