# Buggy: multiplies the scores by the mask, so masked scores become 0 (still attended) instead of -inf.
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores * mask
    return torch.softmax(scores, dim=-1) @ v
