# pass: builds the new cache by writing into a freshly allocated buffer; one query at a time with a manual softmax
import math

import torch
import torch.nn as nn


class KVCacheAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=False)
        self.k_proj = nn.Linear(d_model, d_model, bias=False)
        self.v_proj = nn.Linear(d_model, d_model, bias=False)
        self.o_proj = nn.Linear(d_model, d_model, bias=False)

    def forward(self, x, cache=None):
        B, T, D = x.shape
        H = self.num_heads
        Dh = D // H
        q = self.q_proj(x).view(B, T, H, Dh).transpose(1, 2)
        k_new = self.k_proj(x).view(B, T, H, Dh).transpose(1, 2)
        v_new = self.v_proj(x).view(B, T, H, Dh).transpose(1, 2)
        P = 0 if cache is None else cache[0].shape[2]
        k = x.new_zeros(B, H, P + T, Dh)
        v = x.new_zeros(B, H, P + T, Dh)
        if cache is not None:
            k[:, :, :P] = cache[0]
            v[:, :, :P] = cache[1]
        k[:, :, P:] = k_new
        v[:, :, P:] = v_new
        outs = []
        for i in range(T):
            visible = P + i + 1
            s = (q[:, :, i:i + 1] @ k[:, :, :visible].transpose(-1, -2)) / math.sqrt(Dh)
            w = torch.exp(s - s.amax(-1, keepdim=True))
            w = w / w.sum(-1, keepdim=True)
            outs.append(w @ v[:, :, :visible])
        out = torch.cat(outs, dim=2).transpose(1, 2).reshape(B, T, D)
        return self.o_proj(out), (k, v)
