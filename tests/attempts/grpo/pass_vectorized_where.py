# pass: repeat_interleave of group stats, max of negated surrogates, masked_fill before the row sums
import torch


def grpo_loss(logp, old_logp, ref_logp, rewards, mask, group_size, clip_eps=0.2, beta=0.04):
    groups = rewards.reshape(-1, group_size)
    mean = groups.mean(-1).repeat_interleave(group_size)
    std = groups.std(-1, unbiased=True).repeat_interleave(group_size)
    A = ((rewards - mean) / (std + 1e-4)).unsqueeze(-1)
    log_ratio = logp - old_logp
    ratio = log_ratio.exp()
    pg_loss = torch.maximum(-A * ratio, -A * ratio.clamp(1 - clip_eps, 1 + clip_eps))
    diff = ref_logp - logp
    kl = diff.exp() - diff - 1
    token_loss = (pg_loss + beta * kl).masked_fill(~mask, 0.0)
    seq_loss = token_loss.sum(-1) / mask.sum(-1)
    return seq_loss.mean()
