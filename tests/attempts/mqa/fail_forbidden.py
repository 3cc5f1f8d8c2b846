# fail: correct, but calls the forbidden F.scaled_dot_product_attention (with the kv head expanded)
import torch.nn as nn
import torch.nn.functional as F


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.v_proj = nn.Linear(d_model, d_model // num_heads, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, causal=True):
        B, T, D = x.shape
        H = self.num_heads
        q = self.q_proj(x).view(B, T, H, D // H).transpose(1, 2)
        k = self.k_proj(x).unsqueeze(1).expand(B, H, T, D // H)
        v = self.v_proj(x).unsqueeze(1).expand(B, H, T, D // H)
        o = F.scaled_dot_product_attention(q, k, v, is_causal=causal)
        return self.o_proj(o.transpose(1, 2).reshape(B, T, D))
