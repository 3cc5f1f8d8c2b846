# pass: einsum attention with grouped query heads (B, Hkv, G, T, Dh), RoPE via even/odd slices
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Norm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * (x.pow(2).mean(-1, keepdim=True) + self.eps).rsqrt() * self.weight


class Attn(nn.Module):
    def __init__(self, d, h, hkv):
        super().__init__()
        self.h, self.hkv, self.dh = h, hkv, d // h
        self.q_proj = nn.Linear(d, d, bias=False)
        self.k_proj = nn.Linear(d, hkv * self.dh, bias=False)
        self.v_proj = nn.Linear(d, hkv * self.dh, bias=False)
        self.o_proj = nn.Linear(d, d, bias=False)

    def rotate(self, x, pos):
        dh = x.shape[-1]
        theta = 10000.0 ** (-torch.arange(0, dh, 2, dtype=x.dtype) / dh)
        a = pos.to(x.dtype)[:, None] * theta                # (T, dh/2)
        c, s = a.cos()[:, None, :], a.sin()[:, None, :]     # (T, 1, dh/2) broadcasts over (B, T, heads, dh/2)
        ev, od = x[..., 0::2], x[..., 1::2]
        return torch.stack((ev * c - od * s, ev * s + od * c), dim=-1).flatten(-2)

    def forward(self, x, pos):
        B, T, D = x.shape
        G = self.h // self.hkv
        q = self.rotate(self.q_proj(x).view(B, T, self.h, self.dh), pos).view(B, T, self.hkv, G, self.dh)
        k = self.rotate(self.k_proj(x).view(B, T, self.hkv, self.dh), pos)
        v = self.v_proj(x).view(B, T, self.hkv, self.dh)
        s = torch.einsum("bqkgd,bskd->bkgqs", q, k) / math.sqrt(self.dh)
        mask = torch.arange(T)[None, :] > torch.arange(T)[:, None]
        s = s.masked_fill(mask, float("-inf"))
        o = torch.einsum("bkgqs,bskd->bqkgd", s.softmax(-1), v).reshape(B, T, D)
        return self.o_proj(o)


class MLP(nn.Module):
    def __init__(self, d, hid):
        super().__init__()
        self.gate_proj = nn.Linear(d, hid, bias=False)
        self.up_proj = nn.Linear(d, hid, bias=False)
        self.down_proj = nn.Linear(hid, d, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class LlamaBlock(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads, hidden_dim, eps=1e-6):
        super().__init__()
        self.attn_norm = Norm(d_model, eps)
        self.attn = Attn(d_model, num_heads, num_kv_heads)
        self.ffn_norm = Norm(d_model, eps)
        self.mlp = MLP(d_model, hidden_dim)

    def forward(self, x, positions):
        x = x + self.attn(self.attn_norm(x), positions)
        return x + self.mlp(self.ffn_norm(x))
