# fail: coefficient without the 1e-6 next to the norm
import torch


def clip_grad_norm(grads, max_norm):
    total_norm = torch.cat([g.flatten() for g in grads]).norm()
    coef = torch.clamp(max_norm / total_norm, max=1.0)
    return total_norm, [g * coef for g in grads]
