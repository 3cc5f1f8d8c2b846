# Buggy: raw Parameters stored as (in, out) and used as x @ W, so the weights are transposed relative to nn.Linear.
import torch
import torch.nn as nn
import torch.nn.functional as F


class _Proj(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(i, o) / i ** 0.5)

    def forward(self, x):
        return x @ self.weight


class SwiGLU(nn.Module):
    def __init__(self, d_model: int, hidden_dim: int):
        super().__init__()
        self.gate_proj = _Proj(d_model, hidden_dim)
        self.up_proj = _Proj(d_model, hidden_dim)
        self.down_proj = _Proj(hidden_dim, d_model)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))
