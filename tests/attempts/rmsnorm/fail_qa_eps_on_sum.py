# Buggy: eps added to the sum of squares rather than to the mean: x * sqrt(D) / sqrt(sum(x^2) + eps).
import math
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        d = x.shape[-1]
        ss = (x * x).sum(-1, keepdim=True)
        return x * math.sqrt(d) / torch.sqrt(ss + self.eps) * self.weight
