# fail: the right value as a 0-d tensor instead of a Python float
import math

import torch


def cosine_lr(step, max_lr, min_lr, warmup_steps, total_steps):
    if step < warmup_steps:
        return torch.tensor(max_lr * step / warmup_steps)
    if step > total_steps:
        return torch.tensor(min_lr)
    r = (step - warmup_steps) / (total_steps - warmup_steps)
    return torch.tensor(min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr))
