# fail: correct schedule, but read off torch.optim.lr_scheduler.LambdaLR (forbidden)
import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def cosine_lr(step, max_lr, min_lr, warmup_steps, total_steps):
    def factor(s):
        if s < warmup_steps:
            return s / warmup_steps
        if s > total_steps:
            return min_lr / max_lr
        r = (s - warmup_steps) / (total_steps - warmup_steps)
        return (min_lr + 0.5 * (1 + math.cos(math.pi * r)) * (max_lr - min_lr)) / max_lr

    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=max_lr)
    sched = LambdaLR(opt, factor)
    for _ in range(step):
        opt.step()
        sched.step()
    return float(opt.param_groups[0]["lr"])
