# pass: loops over tokens and their k choices in Python; the balancing loss from a Python count list
import torch
import torch.nn as nn
import torch.nn.functional as F


class SwiGLU(nn.Module):
    def __init__(self, d_model, hidden_dim):
        super().__init__()
        self.gate_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.up_proj = nn.Linear(d_model, hidden_dim, bias=False)
        self.down_proj = nn.Linear(hidden_dim, d_model, bias=False)

    def forward(self, x):
        g = self.gate_proj(x)
        return self.down_proj(g * torch.sigmoid(g) * self.up_proj(x))


class MoE(nn.Module):
    def __init__(self, d_model, hidden_dim, num_experts, top_k):
        super().__init__()
        self.num_experts, self.top_k = num_experts, top_k
        self.gate = nn.Linear(d_model, num_experts, bias=False)
        self.experts = nn.ModuleList([SwiGLU(d_model, hidden_dim) for _ in range(num_experts)])

    def forward(self, x):
        B, T, D = x.shape
        tokens = x.reshape(-1, D)
        logits = tokens @ self.gate.weight.T
        probs = torch.softmax(logits, dim=-1)
        counts = [0] * self.num_experts
        rows = []
        for n in range(tokens.shape[0]):
            top, ids = logits[n].topk(self.top_k)
            w = torch.exp(top - top.max())
            w = w / w.sum()
            out = 0
            for j in range(self.top_k):
                e = int(ids[j])
                counts[e] += 1
                out = out + w[j] * self.experts[e](tokens[n])
            rows.append(out)
        y = torch.stack(rows).reshape(B, T, D)
        f = torch.tensor(counts, dtype=x.dtype) / (tokens.shape[0] * self.top_k)
        aux = self.num_experts * (f * probs.mean(dim=0)).sum()
        return y, aux
