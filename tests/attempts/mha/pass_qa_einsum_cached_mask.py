# Correct: einsum over (b,t,h,d) without transposes, a growing non-persistent causal-mask buffer, finfo.min fill.
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)
        self.register_buffer("causal_mask", torch.ones(1, 1, dtype=torch.bool).tril(), persistent=False)

    def _mask(self, T, device):
        if self.causal_mask.shape[0] < T or self.causal_mask.device != device:
            self.causal_mask = torch.ones(T, T, dtype=torch.bool, device=device).tril()
        return self.causal_mask[:T, :T]

    def forward(self, x, causal=True):
        B, T, D = x.shape
        H = self.num_heads
        Dh = D // H
        q = self.q_proj(x).reshape(B, T, H, Dh)
        k = self.k_proj(x).reshape(B, T, H, Dh)
        v = self.v_proj(x).reshape(B, T, H, Dh)
        s = torch.einsum("bihd,bjhd->bhij", q, k) / Dh ** 0.5
        if causal:
            s = s.masked_fill(~self._mask(T, x.device), torch.finfo(s.dtype).min)
        p = s.softmax(dim=-1)
        o = torch.einsum("bhij,bjhd->bihd", p, v).reshape(B, T, D)
        return self.o_proj(o)
