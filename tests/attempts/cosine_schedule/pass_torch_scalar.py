# pass: computes the cosine with a 0-d float64 tensor and returns float(...)
import math

import torch


def cosine_lr(step, max_lr, min_lr, warmup_steps, total_steps):
    if warmup_steps > 0 and step < warmup_steps:
        return float(max_lr * step / warmup_steps)
    t = min(step, total_steps) - warmup_steps
    span = total_steps - warmup_steps
    c = torch.cos(torch.tensor(math.pi * t / span, dtype=torch.float64))
    return float(min_lr + 0.5 * (max_lr - min_lr) * (1.0 + c))
