# pass: mean of squares with einsum, weight applied before the division
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        d = x.shape[-1]
        ms = torch.einsum("...d,...d->...", x, x).unsqueeze(-1) / d  # (..., 1)
        return (x * self.weight) / (ms + self.eps).sqrt()
