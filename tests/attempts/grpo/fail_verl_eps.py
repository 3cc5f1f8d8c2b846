# fail: verl-style group normalisation with epsilon 1e-6 next to the std (the contract says 1e-4)
import torch


def grpo_loss(logp, old_logp, ref_logp, rewards, mask, group_size, clip_eps=0.2, beta=0.04):
    scores = rewards.view(-1, group_size)
    adv = (scores - scores.mean(-1, keepdim=True)) / (scores.std(-1, keepdim=True) + 1e-6)
    adv = adv.reshape(-1, 1)
    ratio = (logp - old_logp).exp()
    clipped = torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps)
    pg = torch.min(ratio * adv, clipped * adv)
    kl = torch.exp(ref_logp - logp) - (ref_logp - logp) - 1
    loss = -(pg - beta * kl)
    m = mask.float().to(loss.dtype)
    return ((loss * m).sum(-1) / m.sum(-1)).mean()
