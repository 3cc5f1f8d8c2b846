# pass (with a warning): Hugging Face's GELUActivation style, a module-level switch between the
# library call and a hand-written Python form; only the hand-written branch ever runs, so the mere
# mention of F.gelu is a warning with its line, not a forbidden call
import math

import torch
import torch.nn.functional as F

USE_LIBRARY_GELU = False


def _gelu_python(x, approximate):
    if approximate == "tanh":
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
    return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))


def gelu(x, approximate="none"):
    if USE_LIBRARY_GELU:
        return F.gelu(x, approximate=approximate)
    return _gelu_python(x, approximate)
