# fail: the seed's version: additive mask * -1e-9 (no masking at all) and scores divided by sqrt(head_dim) as a tensor
import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def split(self, t):
        return t.view(t.size(0), -1, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, x, causal=True):
        bs, seq, _ = x.size()
        q, k, v = self.split(self.q_proj(x)), self.split(self.k_proj(x)), self.split(self.v_proj(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / torch.sqrt(torch.tensor(float(self.head_dim)))
        if causal:
            future = torch.triu(torch.ones(seq, seq), diagonal=1)
            scores = scores + future * -1e-9
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        out = out.transpose(1, 2).contiguous().view(bs, seq, -1)
        return self.o_proj(out)
