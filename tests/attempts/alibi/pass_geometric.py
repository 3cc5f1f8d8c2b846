# pass: slopes as the geometric sequence start * ratio**h (the ALiBi repo's get_slopes), in the default dtype
import math

import torch


def alibi_bias(num_heads, seq_len):
    start = 2 ** (-2 ** -(math.log2(num_heads) - 3))
    slopes = torch.tensor([start * start ** h for h in range(num_heads)], dtype=torch.get_default_dtype())
    idx = torch.arange(seq_len)
    dist = (idx.view(1, -1) - idx.view(-1, 1)).abs().to(slopes.dtype)
    return -dist.unsqueeze(0) * slopes.view(-1, 1, 1)
