# pass: via the L2 norm, rescaled by sqrt(D) to get the root mean square
import math

import torch
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.dim = dim
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        sq_norm = torch.linalg.vector_norm(x, dim=-1, keepdim=True) ** 2
        rms = torch.sqrt(sq_norm / self.dim + self.eps)
        return self.weight * (x / rms)
