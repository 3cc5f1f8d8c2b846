# pass: explicit loop over sequences, summing masked tokens and counting them by hand
import torch


def ppo_policy_loss(logp, old_logp, advantages, mask, clip_eps=0.2):
    B, T = logp.shape
    total = logp.new_zeros(())
    count = 0
    for b in range(B):
        keep = mask[b]
        r = torch.exp(logp[b][keep] - old_logp[b][keep])
        a = advantages[b][keep]
        surrogate = torch.min(r * a, torch.clamp(r, 1 - clip_eps, 1 + clip_eps) * a)
        total = total - surrogate.sum()
        count += int(keep.sum())
    return total / count
