# pass: flattens the leading dims to a matrix, torch.mm, then restores them
import torch
import torch.nn as nn


class Linear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features) * 0.02)
        self.bias = nn.Parameter(torch.zeros(out_features)) if bias else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        lead = x.shape[:-1]
        flat = x.reshape(-1, x.shape[-1])          # (N, in)
        out = torch.mm(flat, self.weight.t())      # (N, out)
        if self.bias is not None:
            out = out + self.bias.unsqueeze(0)     # (1, out) broadcast over rows
        return out.reshape(*lead, self.weight.shape[0])  # (..., out)
