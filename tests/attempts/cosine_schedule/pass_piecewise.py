# pass: one if/elif chain, progress as a fraction of the decay window
import math


def cosine_lr(step, max_lr, min_lr, warmup_steps, total_steps):
    if step < warmup_steps:
        lr = max_lr * (step / warmup_steps)
    elif step > total_steps:
        lr = min_lr
    else:
        progress = (step - warmup_steps) / float(total_steps - warmup_steps)
        lr = min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
    return lr
