# pass: advantages by looping over groups with manual unbiased std; per-sequence loop for the average
import torch


def grpo_loss(logp, old_logp, ref_logp, rewards, mask, group_size, clip_eps=0.2, beta=0.04):
    B, T = logp.shape
    adv = torch.empty_like(rewards)
    for start in range(0, B, group_size):
        r = rewards[start:start + group_size]
        mu = r.sum() / group_size
        var = ((r - mu) ** 2).sum() / (group_size - 1)
        adv[start:start + group_size] = (r - mu) / (var.sqrt() + 1e-4)
    losses = []
    for b in range(B):
        m = mask[b]
        lp, olp, rlp = logp[b][m], old_logp[b][m], ref_logp[b][m]
        ratio = torch.exp(lp - olp)
        pg = torch.min(ratio * adv[b], torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv[b])
        kl = torch.exp(rlp - lp) - (rlp - lp) - 1
        losses.append((-(pg - beta * kl)).mean())
    return torch.stack(losses).mean()
