# pass: no copy of the kv heads: queries reshaped to (B, Hkv, G, T, Dh) and einsum against (B, Hkv, T, Dh)
import torch
import torch.nn as nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads):
        super().__init__()
        self.H = num_heads
        self.Hkv = num_kv_heads
        dh = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, num_kv_heads * dh, bias=False)
        self.v_proj = nn.Linear(d_model, num_kv_heads * dh, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        Hkv, G = self.Hkv, self.H // self.Hkv
        dh = D // self.H
        q = self.q_proj(x).view(B, T, Hkv, G, dh)          # head h = g_kv * G + g
        k = self.k_proj(x).view(B, T, Hkv, dh)
        v = self.v_proj(x).view(B, T, Hkv, dh)
        s = torch.einsum("bikgd,bjkd->bkgij", q, k) * dh ** -0.5
        if causal:
            pos = torch.arange(T)
            s = s.masked_fill(pos[None, :] > pos[:, None], float("-inf"))
        p = torch.softmax(s, dim=-1)
        o = torch.einsum("bkgij,bjkd->bikgd", p, v)
        return self.o_proj(o.reshape(B, T, D))
