# fail: merges into the weight in place (PEFT's merge), so the next forward counts the update twice
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_features, in_features), requires_grad=False)
        self.lora_A = nn.Parameter(torch.randn(r, in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        self.scaling = alpha / r

    def forward(self, x):
        return x @ self.weight.T + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling

    def merged_weight(self):
        self.weight.data += (self.lora_B @ self.lora_A).detach() * self.scaling
        return self.weight
