# Correct: torch.var_mean(correction=0), extra kwargs accepted, an extra non-parameter buffer, addcmul for the affine.
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5, **kwargs):
        super().__init__()
        self.normalized_shape = normalized_shape
        self.eps = eps
        self.weight = nn.Parameter(torch.empty(normalized_shape).fill_(1.0))
        self.bias = nn.Parameter(torch.empty(normalized_shape).zero_())
        self.register_buffer("num_calls", torch.zeros((), dtype=torch.long))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        var, mean = torch.var_mean(x, dim=-1, correction=0, keepdim=True)
        xhat = (x - mean) / torch.sqrt(var + self.eps)
        return torch.addcmul(self.bias, xhat, self.weight)
