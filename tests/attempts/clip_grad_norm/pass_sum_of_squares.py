# pass: accumulates squared sums in a loop; only scales when the coefficient is below 1
import torch


def clip_grad_norm(grads, max_norm):
    sq = torch.zeros((), dtype=grads[0].dtype)
    for g in grads:
        sq = sq + g.pow(2).sum()
    total_norm = sq.sqrt()
    coef = max_norm / (total_norm + 1e-6)
    if coef < 1:
        out = [g * coef for g in grads]
    else:
        out = [g.clone() for g in grads]
    return total_norm, out
