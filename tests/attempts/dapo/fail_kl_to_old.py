# fail: adds a KL penalty (k3 against old_logp) that DAPO drops
import torch


def dapo_loss(logp, old_logp, advantages, mask, clip_low=0.2, clip_high=0.28):
    A = advantages[:, None]
    ratio = torch.exp(logp - old_logp)
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_low, 1 + clip_high) * A)
    r = old_logp - logp
    loss = loss + 0.04 * (torch.exp(r) - 1 - r)
    return loss[mask].mean()
