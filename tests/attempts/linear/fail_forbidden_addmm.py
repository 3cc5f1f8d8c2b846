# fail: correct, but fuses bias and product with the forbidden torch.addmm
import torch
import torch.nn as nn


class Linear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features))
        self.bias = nn.Parameter(torch.zeros(out_features)) if bias else None

    def forward(self, x):
        flat = x.reshape(-1, x.shape[-1])  # (N, in)
        if self.bias is None:
            out = flat @ self.weight.T
        else:
            out = torch.addmm(self.bias, flat, self.weight.T)
        return out.reshape(*x.shape[:-1], -1)  # (..., out)
