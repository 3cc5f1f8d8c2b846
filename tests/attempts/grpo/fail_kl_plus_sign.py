# fail: subtracts the KL penalty inside the negation the wrong way (rewards divergence from the reference)
import torch


def grpo_loss(logp, old_logp, ref_logp, rewards, mask, group_size, clip_eps=0.2, beta=0.04):
    g = rewards.view(-1, group_size)
    adv = ((g - g.mean(1, keepdim=True)) / (g.std(1, keepdim=True) + 1e-4)).view(-1, 1)
    ratio = torch.exp(logp - old_logp)
    surr = torch.min(ratio * adv, ratio.clamp(1 - clip_eps, 1 + clip_eps) * adv)
    r = ref_logp - logp
    kl = torch.exp(r) - 1 - r
    per_token = -(surr + beta * kl)
    m = mask.to(logp.dtype)
    return ((per_token * m).sum(1) / m.sum(1)).mean()
