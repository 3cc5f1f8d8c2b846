# Correct values but uses a forbidden call (torch.special.softmax imported under an alias).
import torch
from torch.special import softmax as _sm


def softmax(x, dim=-1):
    return _sm(x, dim)
