# fail: group std computed by hand with the population formula (divide by G)
import torch


def grpo_loss(logp, old_logp, ref_logp, rewards, mask, group_size, clip_eps=0.2, beta=0.04):
    g = rewards.view(-1, group_size)
    mu = g.mean(1, keepdim=True)
    sd = ((g - mu) ** 2).mean(1, keepdim=True).sqrt()
    adv = ((g - mu) / (sd + 1e-4)).view(-1, 1)
    ratio = torch.exp(logp - old_logp)
    surr = torch.min(ratio * adv, ratio.clamp(1 - clip_eps, 1 + clip_eps) * adv)
    r = ref_logp - logp
    kl = torch.exp(r) - 1 - r
    m = mask.to(logp.dtype)
    return ((-(surr - beta * kl) * m).sum(1) / m.sum(1)).mean()
