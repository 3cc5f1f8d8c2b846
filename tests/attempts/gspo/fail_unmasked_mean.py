# fail: sequence log-ratio averaged over all T positions, padding included
import torch


def gspo_loss(logp, old_logp, advantages, mask, clip_low=3e-4, clip_high=4e-4):
    s = torch.exp((logp - old_logp).mean(-1))
    return -torch.min(s * advantages, s.clamp(1 - clip_low, 1 + clip_high) * advantages).mean()
