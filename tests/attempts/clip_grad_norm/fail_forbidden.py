# fail: hands the work to torch.nn.utils.clip_grad_norm_ (forbidden)
import torch


def clip_grad_norm(grads, max_norm):
    params = []
    for g in grads:
        p = torch.nn.Parameter(torch.zeros_like(g))
        p.grad = g.clone()
        params.append(p)
    total_norm = torch.nn.utils.clip_grad_norm_(params, max_norm)
    return total_norm, [p.grad for p in params]
