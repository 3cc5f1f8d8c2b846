# pass: einsum over heads, torch.where with a lower-triangular keep mask, rearranged with permute
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.h = num_heads
        self.d_head = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        b, t, d = x.shape
        q = self.q_proj(x).reshape(b, t, self.h, self.d_head)
        k = self.k_proj(x).reshape(b, t, self.h, self.d_head)
        v = self.v_proj(x).reshape(b, t, self.h, self.d_head)
        att = torch.einsum("bihd,bjhd->bhij", q, k) / self.d_head ** 0.5
        if causal:
            keep = torch.tril(torch.ones(t, t, dtype=torch.bool))
            att = torch.where(keep, att, torch.tensor(float("-inf"), dtype=att.dtype))
        att = att.softmax(dim=-1)
        y = torch.einsum("bhij,bjhd->bihd", att, v).reshape(b, t, d)
        return self.o_proj(y)
