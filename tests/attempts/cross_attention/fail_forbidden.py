# fail: correct, but the attention is the forbidden F.scaled_dot_product_attention with a (B, 1, 1, Tk) mask
import torch.nn as nn
import torch.nn.functional as F


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
        Tk = memory.shape[1]
        H = self.num_heads
        q = self.q_proj(x).view(B, Tq, H, D // H).transpose(1, 2)
        k = self.k_proj(memory).view(B, Tk, H, D // H).transpose(1, 2)
        v = self.v_proj(memory).view(B, Tk, H, D // H).transpose(1, 2)
        mask = None if memory_mask is None else memory_mask[:, None, None, :]
        o = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.o_proj(o.transpose(1, 2).reshape(B, Tq, D))
