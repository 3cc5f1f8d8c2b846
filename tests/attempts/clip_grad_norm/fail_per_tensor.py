# fail: clips each gradient by its own norm
import torch


def clip_grad_norm(grads, max_norm):
    out = []
    for g in grads:
        n = g.norm()
        out.append(g * torch.clamp(max_norm / (n + 1e-6), max=1.0))
    total_norm = torch.stack([g.norm() for g in grads]).norm()
    return total_norm, out
