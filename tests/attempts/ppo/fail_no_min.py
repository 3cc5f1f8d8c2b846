# fail: always uses the clipped ratio (forgets the min with the unclipped term)
import torch


def ppo_policy_loss(logp, old_logp, advantages, mask, clip_eps=0.2):
    ratio = torch.exp(logp - old_logp)
    loss = -torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * advantages
    m = mask.float().to(loss.dtype)
    return (loss * m).sum() / m.sum()
