# fail: right values, but computes Φ(x) under no_grad, so the gradient misses the x·φ(x) term
import math

import torch


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    with torch.no_grad():
        phi = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
    return x * phi
