# pass: loops over the batch, drops padded memory tokens by indexing instead of masking
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
        H = self.num_heads
        Dh = D // H
        outs = []
        for b in range(B):
            mem = memory[b] if memory_mask is None else memory[b][memory_mask[b]]
            q = self.q_proj(x[b]).view(Tq, H, Dh).transpose(0, 1)            # (H, Tq, Dh)
            k = self.k_proj(mem).view(-1, H, Dh).transpose(0, 1)             # (H, n, Dh)
            v = self.v_proj(mem).view(-1, H, Dh).transpose(0, 1)
            w = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(Dh), dim=-1)
            outs.append((w @ v).transpose(0, 1).reshape(Tq, D))
        return self.o_proj(torch.stack(outs))
