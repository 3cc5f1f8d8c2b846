# fail: beta * (logp - ref_logp) with a plus sign
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    r = beta * (logp - ref_logp) * mask.to(logp.dtype)
    last = mask.sum(1) - 1
    r[torch.arange(len(scores)), last] += scores
    return r
