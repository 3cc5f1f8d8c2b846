# fail: scales the update by alpha (forgets to divide by r)
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features), requires_grad=False)
        self.lora_A = nn.Parameter(torch.randn(r, in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        self.alpha = alpha

    def forward(self, x):
        return x @ self.weight.t() + self.alpha * (x @ self.lora_A.t() @ self.lora_B.t())

    def merged_weight(self):
        return self.weight + self.alpha * self.lora_B @ self.lora_A
