# fail: correct, but calls the forbidden F.scaled_dot_product_attention
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return self.weight * (x / torch.sqrt(torch.mean(x * x, dim=-1, keepdim=True) + self.eps))


def rope(x, positions):
    b, t, h, d = x.shape
    freqs = 1.0 / (10000.0 ** (torch.arange(0, d, 2, dtype=torch.float64) / d))
    ang = torch.outer(positions.to(torch.float64), freqs)
    cis = torch.polar(torch.ones_like(ang), ang)[None, :, None, :]
    xc = torch.view_as_complex(x.to(torch.float64).reshape(b, t, h, d // 2, 2))
    return torch.view_as_real(xc * cis).reshape(b, t, h, d).to(x.dtype)


class GQA(nn.Module):
    def __init__(self, d_model, n_heads, n_kv):
        super().__init__()
        self.n_heads, self.n_kv, self.hd = n_heads, n_kv, d_model // n_heads
        self.q_proj = nn.Linear(d_model, n_heads * self.hd, bias=False)
        self.k_proj = nn.Linear(d_model, n_kv * self.hd, bias=False)
        self.v_proj = nn.Linear(d_model, n_kv * self.hd, bias=False)
        self.o_proj = nn.Linear(n_heads * self.hd, d_model, bias=False)

    def forward(self, x, positions):
        b, t, _ = x.shape
        rep = self.n_heads // self.n_kv
        q = rope(self.q_proj(x).view(b, t, self.n_heads, self.hd), positions)
        k = rope(self.k_proj(x).view(b, t, self.n_kv, self.hd), positions)
        v = self.v_proj(x).view(b, t, self.n_kv, self.hd)
        k = k[:, :, :, None, :].expand(b, t, self.n_kv, rep, self.hd).reshape(b, t, self.n_heads, self.hd)
        v = v[:, :, :, None, :].expand(b, t, self.n_kv, rep, self.hd).reshape(b, t, self.n_heads, self.hd)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))
        o = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.o_proj(o.transpose(1, 2).contiguous().view(b, t, -1))


class FeedForward(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class LlamaBlock(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads, hidden_dim, eps=1e-6):
        super().__init__()
        self.attn_norm = RMSNorm(d_model, eps)
        self.attn = GQA(d_model, num_heads, num_kv_heads)
        self.ffn_norm = RMSNorm(d_model, eps)
        self.mlp = FeedForward(d_model, hidden_dim)

    def forward(self, x, positions):
        h = x + self.attn(self.attn_norm(x), positions)
        return h + self.mlp(self.ffn_norm(h))
