# pass: runs every expert on every token and mixes with a dense (N, E) weight matrix; counts via one_hot
import torch
import torch.nn as nn
import torch.nn.functional as F


class Expert(nn.Module):
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
        self.k = top_k
        self.gate = nn.Linear(d_model, num_experts, bias=False)
        self.experts = nn.ModuleList([Expert(d_model, hidden_dim) for _ in range(num_experts)])

    def forward(self, x):
        b, t, d = x.shape
        e = len(self.experts)
        flat = x.view(-1, d)
        logits = self.gate(flat)
        vals, idx = torch.topk(logits, self.k, dim=-1)
        w = F.softmax(vals, dim=-1)
        dense = torch.zeros_like(logits).scatter(1, idx, w)               # (N, E)
        outs = torch.stack([ex(flat) for ex in self.experts], dim=1)     # (N, E, D)
        y = torch.einsum("ne,ned->nd", dense, outs).view(b, t, d)
        counts = F.one_hot(idx, e).sum(dim=(0, 1)).to(x.dtype)
        frac = counts / (flat.shape[0] * self.k)
        prob = F.softmax(logits, dim=-1).mean(0)
        return y, e * torch.dot(frac, prob)
