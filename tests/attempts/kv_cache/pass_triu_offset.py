# pass: cache concatenated with torch.cat, causal mask as ones(Tnew, Tk).triu(Tpast + 1), einsum attention
import math

import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.nh = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def _heads(self, t):
        b, n, d = t.shape
        return t.view(b, n, self.nh, d // self.nh).permute(0, 2, 1, 3)

    def forward(self, x, cache=None):
        b, n, d = x.shape
        q, k, v = self._heads(self.q_proj(x)), self._heads(self.k_proj(x)), self._heads(self.v_proj(x))
        past = 0
        if cache is not None:
            past_k, past_v = cache
            past = past_k.shape[2]
            k = torch.cat((past_k, k), dim=2)
            v = torch.cat((past_v, v), dim=2)
        total = past + n
        s = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(d // self.nh)
        hide = torch.ones(n, total, dtype=torch.bool).triu(past + 1)
        s = s.masked_fill(hide, float("-inf"))
        y = torch.einsum("bhij,bhjd->bhid", s.softmax(-1), v)
        y = y.permute(0, 2, 1, 3).reshape(b, n, d)
        return self.o_proj(y), (k, v)
