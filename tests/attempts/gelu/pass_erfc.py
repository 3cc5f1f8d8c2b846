# pass: exact form with erfc (Φ(x) = erfc(-x/√2)/2), tanh form written out term by term
import math

import torch

SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def gelu(x: torch.Tensor, approximate: str = "none") -> torch.Tensor:
    if approximate == "none":
        phi = 0.5 * torch.erfc(-x * (1.0 / math.sqrt(2.0)))
        return x * phi
    cube = x ** 3
    t = torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * cube))
    return 0.5 * x + 0.5 * x * t
