# fail: forgets the min(1, .): gradients under the limit get scaled up
import torch


def clip_grad_norm(grads, max_norm):
    total_norm = torch.cat([g.flatten() for g in grads]).norm()
    scale = max_norm / (total_norm + 1e-6)
    return total_norm, [g * scale for g in grads]
