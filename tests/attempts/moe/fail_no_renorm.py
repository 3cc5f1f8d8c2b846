# fail: top-k of the full softmax probabilities, not renormalised (Switch-style weights)
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.gate_proj = nn.Linear(d, h, bias=False)
        self.up_proj = nn.Linear(d, h, bias=False)
        self.down_proj = nn.Linear(h, d, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class MoE(nn.Module):
    def __init__(self, d_model, hidden_dim, num_experts, top_k):
        super().__init__()
        self.top_k = top_k
        self.gate = nn.Linear(d_model, num_experts, bias=False)
        self.experts = nn.ModuleList(SwiGLU(d_model, hidden_dim) for _ in range(num_experts))

    def forward(self, x):
        B, T, D = x.shape
        E = len(self.experts)
        t = x.reshape(-1, D)
        probs = F.softmax(self.gate(t), dim=-1)
        w, idx = probs.topk(self.top_k, dim=-1)
        y = torch.zeros_like(t)
        for e in range(E):
            rows, slots = torch.where(idx == e)
            y = y.index_add(0, rows, w[rows, slots].unsqueeze(-1) * self.experts[e](t[rows]))
        f = torch.bincount(idx.flatten(), minlength=E).to(x.dtype) / idx.numel()
        return y.reshape(B, T, D), E * (f * probs.mean(0)).sum()
