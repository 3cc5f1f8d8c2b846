# pass: expand the advantages to (B, T), select the masked tokens, then a plain mean
import torch


def dapo_loss(logp, old_logp, advantages, mask, clip_low=0.2, clip_high=0.28):
    A = advantages.unsqueeze(1).expand_as(logp)
    ratio = (logp - old_logp).exp()
    pg1 = -A * ratio
    pg2 = -A * torch.clamp(ratio, 1.0 - clip_low, 1.0 + clip_high)
    token_loss = torch.maximum(pg1, pg2)
    return token_loss[mask].mean()
