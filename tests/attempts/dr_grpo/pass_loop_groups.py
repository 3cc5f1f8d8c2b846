# pass: loops over groups to build the advantages
import torch


def dr_grpo_loss(logp, old_logp, rewards, mask, group_size, max_len, clip_eps=0.2):
    B = logp.shape[0]
    adv = torch.empty_like(rewards)
    for s in range(0, B, group_size):
        grp = rewards[s:s + group_size]
        adv[s:s + group_size] = grp - grp.mean()
    ratio = torch.exp(logp - old_logp)
    unclipped = ratio * adv[:, None]
    clipped = torch.clamp(ratio, 1.0 - clip_eps, 1.0 + clip_eps) * adv[:, None]
    loss = -torch.where(unclipped < clipped, unclipped, clipped)
    loss = loss * mask.to(logp.dtype)
    return loss.sum() / (B * max_len)
