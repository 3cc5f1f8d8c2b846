# pass: flattens everything into one vector for the norm; python-side min for the coefficient
import torch


def clip_grad_norm(grads, max_norm):
    flat = torch.cat([g.reshape(-1) for g in grads])
    total_norm = torch.sqrt((flat * flat).sum())
    clip_coef = max_norm / (total_norm + 1e-6)
    clip_coef = torch.clamp(clip_coef, max=1.0)
    return total_norm, [g * clip_coef for g in grads]
