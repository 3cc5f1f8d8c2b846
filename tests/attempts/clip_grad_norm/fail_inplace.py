# fail: right values, but scales the input gradients in place as clip_grad_norm_ does
import torch


def clip_grad_norm(grads, max_norm):
    total_norm = torch.cat([g.flatten() for g in grads]).norm()
    coef = torch.clamp(max_norm / (total_norm + 1e-6), max=1.0)
    for g in grads:
        g.mul_(coef)
    return total_norm, grads
