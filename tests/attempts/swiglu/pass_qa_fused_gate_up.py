# Correct: concatenates gate and up weights into one matmul, chunks the result, silu on the gate half.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, d_model: int, hidden_dim: int):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.gate_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.up_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, d_model, bias=False)

    def forward(self, x):
        w = torch.cat([self.gate_proj.weight, self.up_proj.weight], dim=0)
        gu = x @ w.t()
        gate, up = gu.split(self.hidden_dim, dim=-1)
        return F.linear(gate.sigmoid() * gate * up, self.down_proj.weight)
