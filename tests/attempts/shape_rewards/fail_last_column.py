# fail: the score added at index T - 1 for every row
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    r = -beta * (logp - ref_logp) * mask
    r = r.clone()
    r[:, -1] += scores
    return r
