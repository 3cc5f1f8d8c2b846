# pass: torch.var_mean with correction=0, then an explicit sqrt and division
import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5):
        super().__init__()
        self.normalized_shape = normalized_shape
        self.eps = eps
        self.weight = nn.Parameter(torch.empty(normalized_shape).fill_(1.0))
        self.bias = nn.Parameter(torch.empty(normalized_shape).fill_(0.0))

    def forward(self, x):
        var, mean = torch.var_mean(x, dim=-1, correction=0, keepdim=True)
        std = (var + self.eps).sqrt()
        normed = (x - mean) / std
        return torch.addcmul(self.bias, normed, self.weight)
