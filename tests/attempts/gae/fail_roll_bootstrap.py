# fail: V_{t+1} from torch.roll, so the last step bootstraps from V_0
import torch


def compute_gae(rewards, values, gamma=0.99, lam=0.95):
    B, T = rewards.shape
    next_values = torch.roll(values, shifts=-1, dims=1)
    deltas = rewards + gamma * next_values - values
    adv = torch.zeros_like(rewards)
    gae = torch.zeros(B, dtype=rewards.dtype)
    for t in reversed(range(T)):
        gae = deltas[:, t] + gamma * lam * gae
        adv[:, t] = gae
    return adv, adv + values
