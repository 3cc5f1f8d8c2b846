# fail: the upper clip bound uses clip_low as well (no clip-higher)
import torch


def dapo_loss(logp, old_logp, advantages, mask, clip_low=0.2, clip_high=0.28):
    A = advantages[:, None]
    ratio = torch.exp(logp - old_logp)
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_low, 1 + clip_low) * A)
    return loss[mask].mean()
