# Buggy: naive exp without subtracting the max, overflows to inf/nan for large logits.
import torch


def softmax(x, dim=-1):
    e = torch.exp(x)
    return e / e.sum(dim=dim, keepdim=True)
