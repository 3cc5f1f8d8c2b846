# fail: treats True as "hide this key" (the PyTorch nn.MultiheadAttention key_padding_mask convention)
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    B, H, Tq, Dh = q.shape
    scores = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(Dh)
    if mask is not None:
        scores = scores.masked_fill(mask, -1e9)
    return torch.einsum("bhij,bhjd->bhid", scores.softmax(-1), v)
