# pass: max of the negated surrogates, torch.where for the clip, masked_select for the average
import torch


def ppo_policy_loss(logp, old_logp, advantages, mask, clip_eps=0.2):
    log_ratio = logp - old_logp
    ratio = log_ratio.exp()
    low, high = 1.0 - clip_eps, 1.0 + clip_eps
    clipped_ratio = torch.where(ratio < low, torch.full_like(ratio, low),
                                torch.where(ratio > high, torch.full_like(ratio, high), ratio))
    loss1 = -advantages * ratio
    loss2 = -advantages * clipped_ratio
    per_token = torch.max(loss1, loss2)
    return torch.masked_select(per_token, mask).mean()
