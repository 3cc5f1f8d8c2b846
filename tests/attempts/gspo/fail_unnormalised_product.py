# fail: multiplies the token ratios (exp of the summed log-ratio) without the 1/|y| power
import torch


def gspo_loss(logp, old_logp, advantages, mask, clip_low=3e-4, clip_high=4e-4):
    m = mask.to(logp.dtype)
    s = torch.exp(((logp - old_logp) * m).sum(-1))
    return -torch.min(s * advantages, s.clamp(1 - clip_low, 1 + clip_high) * advantages).mean()
