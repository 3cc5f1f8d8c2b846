# fail: the KL penalty also on padding
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    r = -beta * (logp - ref_logp)
    last = mask.sum(1) - 1
    r = r.clone()
    r[torch.arange(len(scores)), last] += scores
    return r
