# pass: repeat_interleave for the group means, masked_fill for padding
import torch


def dr_grpo_loss(logp, old_logp, rewards, mask, group_size, max_len, clip_eps=0.2):
    n = rewards.shape[0]
    means = rewards.view(-1, group_size).mean(-1).repeat_interleave(group_size)
    A = (rewards - means).unsqueeze(-1)
    r = (logp - old_logp).exp()
    obj = torch.min(r * A, torch.clamp(r, 1 - clip_eps, 1 + clip_eps) * A)
    return -obj.masked_fill(~mask, 0.0).sum() / (n * max_len)
