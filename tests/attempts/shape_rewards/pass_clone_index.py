# pass: clone, then index the last valid position with advanced indexing
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    kl = logp - ref_logp
    r = torch.where(mask, -beta * kl, torch.zeros_like(kl)).clone()
    idx = mask.long().sum(-1) - 1
    rows = torch.arange(r.shape[0])
    r[rows, idx] = r[rows, idx] + scores
    return r
