# pass: element by element in Python with math.log in double precision
import math

import torch


def _bucket(rel, bidirectional, num_buckets, max_distance):
    offset = 0
    if bidirectional:
        num_buckets //= 2
        if rel > 0:
            offset = num_buckets
        n = abs(rel)
    else:
        n = max(-rel, 0)
    max_exact = num_buckets // 2
    if n < max_exact:
        return offset + n
    val = max_exact + int(math.log(n / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact))
    return offset + min(val, num_buckets - 1)


def relative_position_bucket(relative_position, bidirectional=True, num_buckets=32, max_distance=128):
    flat = [_bucket(int(r), bidirectional, num_buckets, max_distance) for r in relative_position.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=torch.long).reshape(relative_position.shape)
