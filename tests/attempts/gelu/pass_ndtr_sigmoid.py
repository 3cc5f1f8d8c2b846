# pass: exact form through torch.special.ndtr, tanh form rewritten as a sigmoid (0.5(1+tanh z) = σ(2z))
import math

import torch


def gelu(x, approximate="none"):
    if approximate == "tanh":
        z = math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)
        return x * torch.sigmoid(2 * z)
    return x * torch.special.ndtr(x)
