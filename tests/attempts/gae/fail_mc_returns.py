# fail: advantages right, but returns are the discounted reward-to-go instead of advantages + values
import torch


def compute_gae(rewards, values, gamma=0.99, lam=0.95):
    B, T = rewards.shape
    adv = torch.zeros_like(rewards)
    ret = torch.zeros_like(rewards)
    gae = torch.zeros(B, dtype=rewards.dtype)
    running_return = torch.zeros(B, dtype=rewards.dtype)
    for t in reversed(range(T)):
        next_v = values[:, t + 1] if t + 1 < T else torch.zeros(B, dtype=rewards.dtype)
        delta = rewards[:, t] + gamma * next_v - values[:, t]
        gae = delta + gamma * lam * gae
        adv[:, t] = gae
        running_return = rewards[:, t] + gamma * running_return
        ret[:, t] = running_return
    return adv, ret
