# pass: torch.where to zero padding, max of negated terms
import torch


def gspo_loss(logp, old_logp, advantages, mask, clip_low=3e-4, clip_high=4e-4):
    log_ratio = torch.where(mask, logp - old_logp, torch.zeros_like(logp))
    n = mask.sum(dim=-1)
    s = torch.exp(log_ratio.sum(dim=-1) / n)
    s_clip = torch.clamp(s, min=1 - clip_low, max=1 + clip_high)
    return torch.max(-advantages * s, -advantages * s_clip).mean()
