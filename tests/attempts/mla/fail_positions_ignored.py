# fail: rotates token t by position t, ignoring the positions argument
import math

import torch
from torch import nn


class Norm(nn.Module):
    def __init__(self, n, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))
        self.eps = eps

    def forward(self, t):
        return t * torch.rsqrt(torch.mean(t * t, dim=-1, keepdim=True) + self.eps) * self.weight


def rope_interleaved(t, pos, base):
    d = t.shape[-1]
    theta = base ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)
    ang = torch.arange(len(pos), dtype=torch.float64).unsqueeze(-1) * theta                      # (T, d/2)
    while ang.dim() < t.dim():
        ang = ang.unsqueeze(0)
    cos, sin = ang.cos().to(t.dtype), ang.sin().to(t.dtype)
    even, odd = t[..., 0::2], t[..., 1::2]
    out = torch.empty_like(t)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


class MultiHeadLatentAttention(nn.Module):
    def __init__(self, d_model, num_heads, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim,
                 rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.cfg = (num_heads, qk_nope_head_dim, qk_rope_head_dim, v_head_dim, kv_lora_rank, rope_base)
        self.q_proj = nn.Linear(d_model, num_heads * (qk_nope_head_dim + qk_rope_head_dim), bias=False)
        self.kv_down_proj = nn.Linear(d_model, kv_lora_rank + qk_rope_head_dim, bias=False)
        self.kv_norm = Norm(kv_lora_rank, eps)
        self.kv_up_proj = nn.Linear(kv_lora_rank, num_heads * (qk_nope_head_dim + v_head_dim), bias=False)
        self.o_proj = nn.Linear(num_heads * v_head_dim, d_model, bias=False)

    def forward(self, x, positions):
        H, dn, dr, dv, r, base = self.cfg
        T = x.shape[1]
        qall = self.q_proj(x)
        down = self.kv_down_proj(x)
        c = self.kv_norm(down[..., :r])
        k_rope = rope_interleaved(down[..., r:], positions, base)   # (B, T, dr)
        up = self.kv_up_proj(c)
        future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        heads = []
        for h in range(H):
            qh = qall[..., h * (dn + dr):(h + 1) * (dn + dr)]
            q = torch.cat([qh[..., :dn], rope_interleaved(qh[..., dn:], positions, base)], dim=-1)
            uh = up[..., h * (dn + dv):(h + 1) * (dn + dv)]
            k = torch.cat([uh[..., :dn], k_rope], dim=-1)
            v = uh[..., dn:]
            s = q @ k.transpose(1, 2) / math.sqrt(dn + dr)
            s = s.masked_fill(future, float("-inf"))
            heads.append(torch.softmax(s, dim=-1) @ v)
        return self.o_proj(torch.cat(heads, dim=-1))
