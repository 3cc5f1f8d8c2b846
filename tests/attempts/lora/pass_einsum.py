# pass: einsum for the low-rank path, scaling applied to the rank-r activations
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.r, self.alpha = r, alpha
        self.weight = nn.Parameter(torch.empty(out_features, in_features), requires_grad=False)
        nn.init.normal_(self.weight, std=0.02)
        self.lora_A = nn.Parameter(torch.empty(r, in_features))
        nn.init.kaiming_uniform_(self.lora_A)
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))

    def forward(self, x):
        low = torch.einsum("...i,ri->...r", x, self.lora_A) * (self.alpha / self.r)
        return torch.einsum("...i,oi->...o", x, self.weight) + torch.einsum("...r,or->...o", low, self.lora_B)

    def merged_weight(self):
        return self.weight + torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * (self.alpha / self.r)
