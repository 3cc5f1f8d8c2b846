# pass: the tanh approximation with sqrt(2/pi) held as a float32 tensor constant
import math

import torch

SQRT_2_OVER_PI = torch.tensor(math.sqrt(2.0 / math.pi), dtype=torch.float32)


def gelu(x, approximate="none"):
    if approximate == "tanh":
        inner = SQRT_2_OVER_PI.to(x.dtype) * (x + 0.044715 * x.pow(3))
        return 0.5 * x * (1.0 + torch.tanh(inner))
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))
