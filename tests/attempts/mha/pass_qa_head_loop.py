# Correct: explicit loop over heads slicing columns h*Dh:(h+1)*Dh, tril mask via torch.where, cat heads back in order.
import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads, **kwargs):
        super().__init__()
        self.h = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x: torch.Tensor, causal: bool = True) -> torch.Tensor:
        T, D = x.shape[1], x.shape[2]
        dh = D // self.h
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        allowed = torch.tril(torch.ones(T, T, dtype=torch.bool, device=x.device))
        heads = []
        for h in range(self.h):
            sl = slice(h * dh, (h + 1) * dh)
            s = torch.matmul(q[..., sl], k[..., sl].transpose(1, 2)) * (dh ** -0.5)  # (B, T, T)
            if causal:
                s = torch.where(allowed, s, torch.tensor(float("-inf"), dtype=s.dtype))
            w = torch.softmax(s, dim=-1)
            heads.append(w @ v[..., sl])
        return self.o_proj(torch.cat(heads, dim=-1))
