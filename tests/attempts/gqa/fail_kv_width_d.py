# fail: sizes k_proj/v_proj as D // Hkv instead of Hkv * Dh (wrong parameter shapes)
import math

import torch
import torch.nn as nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads):
        super().__init__()
        self.h, self.hkv = num_heads, num_kv_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model // num_kv_heads, bias=False)
        self.v_proj = nn.Linear(d_model, d_model // num_kv_heads, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        dh = D // self.h
        q = self.q_proj(x).view(B, T, self.h, dh).transpose(1, 2)
        k = self.k_proj(x)[..., : self.hkv * dh].view(B, T, self.hkv, dh).transpose(1, 2)
        v = self.v_proj(x)[..., : self.hkv * dh].view(B, T, self.hkv, dh).transpose(1, 2)
        k = k.repeat_interleave(self.h // self.hkv, dim=1)
        v = v.repeat_interleave(self.h // self.hkv, dim=1)
        s = q @ k.transpose(-2, -1) / math.sqrt(dh)
        if causal:
            s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        return self.o_proj((s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, D))
