# pass: statistics from explicit sums divided by D
import math

import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5):
        super().__init__()
        self.d = normalized_shape
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(self.d))
        self.bias = nn.Parameter(torch.zeros(self.d))

    def forward(self, x):
        centered = x - x.sum(dim=-1, keepdim=True) / self.d
        var = (centered * centered).sum(dim=-1, keepdim=True) / self.d
        return centered / torch.sqrt(var + self.eps) * self.weight + self.bias
