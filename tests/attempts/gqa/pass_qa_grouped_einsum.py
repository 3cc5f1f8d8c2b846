# Correct: no kv copies, queries reshaped to (B, Hkv, G, T, Dh) and contracted with einsum; torch.where with finfo.min.
import torch
from torch import nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads, num_kv_heads, **kwargs):
        super().__init__()
        self.num_heads = num_heads
        self.num_kv_heads = num_kv_heads
        head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, num_kv_heads * head_dim, bias=False)
        self.v_proj = nn.Linear(d_model, num_kv_heads * head_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x: torch.Tensor, causal: bool = True) -> torch.Tensor:
        B, T, D = x.shape
        H, Hkv = self.num_heads, self.num_kv_heads
        Dh, G = D // H, H // Hkv
        # query head h = kv*G + g  ->  (kv, g) after the reshape: contiguous groups
        q = self.q_proj(x).reshape(B, T, Hkv, G, Dh)
        k = self.k_proj(x).reshape(B, T, Hkv, Dh)
        v = self.v_proj(x).reshape(B, T, Hkv, Dh)
        s = torch.einsum("bikgd,bjkd->bkgij", q, k) * Dh ** -0.5
        if causal:
            ok = torch.arange(T, device=x.device)[:, None] >= torch.arange(T, device=x.device)[None, :]
            s = torch.where(ok, s, torch.finfo(s.dtype).min)
        p = torch.softmax(s, dim=-1)
        o = torch.einsum("bkgij,bjkd->bikgd", p, v).reshape(B, T, D)
        return self.o_proj(o)
