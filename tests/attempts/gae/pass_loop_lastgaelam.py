# pass: the classic baselines-style loop with lastgaelam and an explicit next-value branch
import torch


def compute_gae(rewards, values, gamma=0.99, lam=0.95):
    B, T = rewards.shape
    adv = torch.empty_like(rewards)
    lastgaelam = torch.zeros(B, dtype=rewards.dtype)
    for t in range(T - 1, -1, -1):
        if t == T - 1:
            next_value = torch.zeros(B, dtype=rewards.dtype)
        else:
            next_value = values[:, t + 1]
        delta = rewards[:, t] + gamma * next_value - values[:, t]
        lastgaelam = delta + gamma * lam * lastgaelam
        adv[:, t] = lastgaelam
    return adv, adv + values
