# fail: Hugging Face's load_balancing_loss_func: the one-hot over the K slots is averaged over tokens only,
# so the aux loss comes out K times the contract's (f divided by the number of tokens, not tokens * top_k)
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
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


def load_balancing_loss(router_logits, top_k, num_experts):
    routing_weights = F.softmax(router_logits, dim=-1)
    _, selected_experts = torch.topk(routing_weights, top_k, dim=-1)
    expert_mask = F.one_hot(selected_experts, num_experts)                 # (N, K, E)
    tokens_per_expert = torch.mean(expert_mask.to(router_logits.dtype), dim=0)   # (K, E)
    router_prob_per_expert = torch.mean(routing_weights, dim=0)            # (E,)
    return torch.sum(tokens_per_expert * router_prob_per_expert.unsqueeze(0)) * num_experts


class MoE(nn.Module):
    def __init__(self, d_model, hidden_dim, num_experts, top_k):
        super().__init__()
        self.top_k = top_k
        self.num_experts = num_experts
        self.gate = nn.Linear(d_model, num_experts, bias=False)
        self.experts = nn.ModuleList([SwiGLU(d_model, hidden_dim) for _ in range(num_experts)])

    def forward(self, x):
        batch, seq, dim = x.shape
        hidden = x.view(-1, dim)
        router_logits = self.gate(hidden)
        top_logits, selected = torch.topk(router_logits, self.top_k, dim=-1)
        weights = F.softmax(top_logits, dim=-1)
        out = torch.zeros_like(hidden)
        for slot in range(self.top_k):
            for e in range(self.num_experts):
                rows = (selected[:, slot] == e).nonzero(as_tuple=True)[0]
                if rows.numel():
                    out = out.index_add(0, rows, weights[rows, slot, None] * self.experts[e](hidden[rows]))
        aux = load_balancing_loss(router_logits, self.top_k, self.num_experts)
        return out.view(batch, seq, dim), aux
