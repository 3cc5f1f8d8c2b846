# fail: verl-style GAE that whitens the advantages before returning them
import torch


def compute_gae(rewards, values, gamma=0.99, lam=0.95):
    T = rewards.shape[1]
    lastgaelam = torch.zeros_like(rewards[:, 0])
    out = []
    for t in reversed(range(T)):
        nextvalues = values[:, t + 1] if t < T - 1 else torch.zeros_like(values[:, 0])
        delta = rewards[:, t] + gamma * nextvalues - values[:, t]
        lastgaelam = delta + gamma * lam * lastgaelam
        out.append(lastgaelam)
    advantages = torch.stack(out[::-1], dim=1)
    returns = advantages + values
    mean, var = advantages.mean(), advantages.var()
    advantages = (advantages - mean) * torch.rsqrt(var + 1e-8)
    return advantages, returns
