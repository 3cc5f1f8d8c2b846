# fail: right value, but the ratio is built from detached log-probs, so no gradient reaches logp
import torch


def ppo_policy_loss(logp, old_logp, advantages, mask, clip_eps=0.2):
    ratio = torch.exp(logp.detach() - old_logp)
    surr = torch.min(ratio * advantages, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantages)
    m = mask.to(logp.dtype)
    return -(surr * m).sum() / m.sum()
