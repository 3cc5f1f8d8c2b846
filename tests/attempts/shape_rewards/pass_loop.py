# pass: a Python loop over rows, as written on a whiteboard
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    B, T = logp.shape
    out = torch.zeros_like(logp)
    for b in range(B):
        n = int(mask[b].sum())
        out[b, :n] = -beta * (logp[b, :n] - ref_logp[b, :n])
        out[b, n - 1] += scores[b]
    return out
