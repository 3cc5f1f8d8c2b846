# fail: GRPO's per-sequence length normalisation
import torch


def dr_grpo_loss(logp, old_logp, rewards, mask, group_size, max_len, clip_eps=0.2):
    g = rewards.view(-1, group_size)
    A = (g - g.mean(1, keepdim=True)).view(-1, 1)
    ratio = torch.exp(logp - old_logp)
    obj = torch.minimum(ratio * A, ratio.clamp(1 - clip_eps, 1 + clip_eps) * A)
    m = mask.to(logp.dtype)
    return (-(obj * m).sum(1) / m.sum(1)).mean()
