# fail: the total norm as the sum of the per-tensor norms
import torch


def clip_grad_norm(grads, max_norm):
    total_norm = sum(g.norm() for g in grads)
    coef = min(1.0, float(max_norm / (total_norm + 1e-6)))
    return total_norm, [g * coef for g in grads]
