# pass: Hugging Face's eager attention: softmax computed in float32, then cast back to the query's dtype
import math

import torch


def _softmax(x, dim):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)


def scaled_dot_product_attention(q, k, v, mask=None):
    attn_weights = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(q.shape[-1])
    if mask is not None:
        attn_weights = attn_weights.masked_fill(mask.logical_not(), torch.finfo(attn_weights.dtype).min)
    attn_weights = _softmax(attn_weights.to(torch.float32), dim=-1).to(q.dtype)
    return torch.matmul(attn_weights, v)
