# fail: caches the raw inputs x and re-projects them, but returns the cache as (x_past, x_past): wrong cache contents and shape
import math

import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, cache=None):
        B, T, D = x.shape
        H = self.num_heads
        full = x if cache is None else torch.cat([cache[0], x], dim=1)
        P = full.shape[1] - T
        q = self.q_proj(x).view(B, T, H, D // H).transpose(1, 2)
        k = self.k_proj(full).view(B, P + T, H, D // H).transpose(1, 2)
        v = self.v_proj(full).view(B, P + T, H, D // H).transpose(1, 2)
        s = q @ k.transpose(-2, -1) / math.sqrt(D // H)
        s = s.masked_fill(torch.ones(T, P + T, dtype=torch.bool).triu(P + 1), float("-inf"))
        o = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, D)
        return self.o_proj(o), (full, full)
