# pass: einsum attention with an additive 0/-inf bias built from the memory mask
import math

import torch
import torch.nn as nn


class CrossAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.h = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, memory, memory_mask=None):
        b, tq, d = x.shape
        tk = memory.shape[1]
        dh = d // self.h
        q = self.q_proj(x).reshape(b, tq, self.h, dh)
        k = self.k_proj(memory).reshape(b, tk, self.h, dh)
        v = self.v_proj(memory).reshape(b, tk, self.h, dh)
        logits = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(dh)
        if memory_mask is not None:
            bias = torch.zeros(b, tk, dtype=logits.dtype).masked_fill(~memory_mask, float("-inf"))
            logits = logits + bias[:, None, None, :]
        attn = logits.softmax(dim=-1)
        out = torch.einsum("bhqk,bkhd->bqhd", attn, v).reshape(b, tq, d)
        return self.o_proj(out)
