# fail: the seed's bug: the mask is added as mask * -1e-9, which leaves masked keys almost fully weighted
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(k.size(-1))
    if mask is not None:
        scores += (~mask).float() * -1e-9
    return torch.matmul(torch.softmax(scores, dim=-1), v)
