# fail: the seed notes' MQA: heads merged with transpose(-1, -2) before the view back to (B, T, D)
import torch
from torch import nn


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, self.head_dim, bias=False)
        self.v_proj = nn.Linear(d_model, self.head_dim, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def split_head(self, x, heads):
        return x.view(x.size(0), -1, heads, self.head_dim).transpose(1, 2)

    def forward(self, x, causal=True):
        bs, seq, _ = x.shape
        q = self.split_head(self.q_proj(x), self.num_heads)
        k = self.split_head(self.k_proj(x), 1)
        v = self.split_head(self.v_proj(x), 1)
        scores = torch.matmul(q, k.transpose(-1, -2)) / self.head_dim ** 0.5
        if causal:
            scores = scores.masked_fill(torch.ones(seq, seq).triu(1).bool(), float("-inf"))
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        out = out.transpose(-1, -2).contiguous().view(bs, -1, self.head_dim * self.num_heads)
        return self.o_proj(out)
