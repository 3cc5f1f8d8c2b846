# pass: SiLU written as g * sigmoid(g), projections through einsum on the weights
import torch
import torch.nn as nn


class SwiGLU(nn.Module):
    def __init__(self, d_model, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.up_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, d_model, bias=False)

    def forward(self, x):
        g = torch.einsum("btd,hd->bth", x, self.gate_proj.weight)
        u = torch.einsum("btd,hd->bth", x, self.up_proj.weight)
        h = g * torch.sigmoid(g) * u
        return torch.einsum("bth,dh->btd", h, self.down_proj.weight)
