# Correct: mean of squares from torch.linalg.vector_norm squared / D, unsqueezed, divided by sqrt.
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6, **kwargs):
        super().__init__()
        self.dim = dim
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ms = torch.linalg.vector_norm(x, ord=2, dim=-1) ** 2 / self.dim
        denom = torch.sqrt(ms + self.eps).unsqueeze(-1)
        return self.weight * (x / denom)
