# fail: GRPO-style sample-level average (mean per sequence, then over sequences)
import torch


def dapo_loss(logp, old_logp, advantages, mask, clip_low=0.2, clip_high=0.28):
    A = advantages[:, None]
    ratio = torch.exp(logp - old_logp)
    loss = -torch.min(ratio * A, ratio.clamp(1 - clip_low, 1 + clip_high) * A)
    m = mask.to(loss.dtype)
    return ((loss * m).sum(-1) / m.sum(-1)).mean()
