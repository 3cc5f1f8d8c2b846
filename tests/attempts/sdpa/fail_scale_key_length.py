# fail: scales by sqrt of the number of keys (k.shape[-2]) instead of sqrt(Dh); fills masked scores with -1e4
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(k.shape[-2])
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e4)
    return scores.softmax(dim=-1) @ v
