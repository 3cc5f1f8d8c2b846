# Buggy: mean of squares over the last two dims (T and D) instead of only the last one.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        dims = (-2, -1) if x.dim() >= 2 else (-1,)
        ms = x.pow(2).mean(dim=dims, keepdim=True)
        return x * torch.rsqrt(ms + self.eps) * self.weight
