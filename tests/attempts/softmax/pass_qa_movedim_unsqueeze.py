# Correct: move dim to the end, detached max via .values.unsqueeze, normalise, move back.
import torch


def softmax(x, dim=-1):
    xt = x.movedim(dim, -1)
    m = xt.max(dim=-1).values.detach().unsqueeze(-1)
    e = (xt - m).exp()
    s = e.sum(-1).unsqueeze(-1)
    out = e / s
    return out.movedim(-1, dim)
