# pass: torch.matmul, the scale folded into q, an additive -inf bias from the bool mask
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    q = q / math.sqrt(q.shape[-1])
    attn = torch.matmul(q, k.transpose(-1, -2))
    if mask is not None:
        bias = torch.zeros(mask.shape, dtype=attn.dtype).masked_fill(mask.logical_not(), float("-inf"))
        attn = attn + bias
    attn = F.softmax(attn, dim=-1)
    return torch.matmul(attn, v)
