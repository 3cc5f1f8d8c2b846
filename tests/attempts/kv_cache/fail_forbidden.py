# fail: correct cache handling, but the attention is F.scaled_dot_product_attention with an offset bool mask
import torch
import torch.nn as nn
import torch.nn.functional as F


class KVCacheAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, cache=None):
        B, T, D = x.shape
        H = self.num_heads
        q = self.q_proj(x).view(B, T, H, D // H).transpose(1, 2)
        k = self.k_proj(x).view(B, T, H, D // H).transpose(1, 2)
        v = self.v_proj(x).view(B, T, H, D // H).transpose(1, 2)
        if cache is not None:
            k = torch.cat([cache[0], k], dim=2)
            v = torch.cat([cache[1], v], dim=2)
        P = k.shape[2] - T
        allowed = torch.ones(T, P + T, dtype=torch.bool).tril(P)
        o = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        return self.o_proj(o.transpose(1, 2).reshape(B, T, D)), (k, v)
