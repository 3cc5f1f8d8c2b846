# pass: one fused matmul for gate and up (weights concatenated), split with chunk
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, d_model, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.up_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, d_model, bias=False)

    def forward(self, x):
        w = torch.cat([self.gate_proj.weight, self.up_proj.weight], dim=0)  # (2*hidden, D)
        gate, up = (x @ w.T).chunk(2, dim=-1)                               # (B, T, hidden) each
        return self.down_proj(F.silu(gate) * up)
