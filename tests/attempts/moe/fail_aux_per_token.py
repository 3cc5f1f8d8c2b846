# fail: f_e divided by the number of tokens instead of tokens * top_k
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
        logits = self.gate(t)
        top, idx = logits.topk(self.top_k, dim=-1)
        w = F.softmax(top, dim=-1)
        y = torch.zeros_like(t)
        for e in range(E):
            rows, slots = torch.where(idx == e)
            y = y.index_add(0, rows, w[rows, slots].unsqueeze(-1) * self.experts[e](t[rows]))
        mask = F.one_hot(idx, E).sum(1).to(x.dtype)          # (N, E) 1 where routed
        f = mask.mean(0)                                      # share of tokens, not of slots
        P = F.softmax(logits, dim=-1).mean(0)
        return y.reshape(B, T, D), E * (f * P).sum()
