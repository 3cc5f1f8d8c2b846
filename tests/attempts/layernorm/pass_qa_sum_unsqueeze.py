# Correct: sums divided by D with unsqueeze(-1) instead of keepdim, torch.var(unbiased=False) cross-check style.
import math
import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape: int, eps: float = 1e-5):
        super().__init__()
        self.d = int(normalized_shape)
        self.eps = float(eps)
        self.weight = nn.Parameter(torch.ones(self.d))
        self.bias = nn.Parameter(torch.zeros(self.d))

    def forward(self, x):
        mean = x.sum(-1).div(self.d).unsqueeze(-1)
        var = torch.var(x, dim=-1, unbiased=False).unsqueeze(-1)
        std = (var + self.eps).sqrt()
        return self.weight * ((x - mean) / std) + self.bias
