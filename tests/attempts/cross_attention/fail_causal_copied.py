# fail: copied from a decoder self-attention block, keeps a causal mask on the memory
import math

import torch
import torch.nn as nn


class CrossAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, memory, memory_mask=None):
        B, Tq, D = x.shape
        Tk = memory.shape[1]
        H = self.num_heads
        q = self.q_proj(x).view(B, Tq, H, D // H).transpose(1, 2)
        k = self.k_proj(memory).view(B, Tk, H, D // H).transpose(1, 2)
        v = self.v_proj(memory).view(B, Tk, H, D // H).transpose(1, 2)
        s = q @ k.transpose(-2, -1) / math.sqrt(D // H)
        allowed = torch.tril(torch.ones(Tq, Tk, dtype=torch.bool))
        if memory_mask is not None:
            allowed = allowed & memory_mask[:, None, None, :]
        s = s.masked_fill(~allowed, float("-inf"))
        return self.o_proj((s.softmax(-1) @ v).transpose(1, 2).reshape(B, Tq, D))
