# pass: no loop, A = δ @ Mᵀ with M[t, s] = (γλ)^(s−t) for s ≥ t (upper-triangular discount matrix)
import torch
import torch.nn.functional as F


def compute_gae(rewards, values, gamma=0.99, lam=0.95):
    B, T = rewards.shape
    next_values = F.pad(values[:, 1:], (0, 1))
    delta = rewards + gamma * next_values - values
    idx = torch.arange(T, dtype=rewards.dtype)
    power = idx[None, :] - idx[:, None]                       # s - t
    discount = torch.where(power >= 0, (gamma * lam) ** power.clamp(min=0), torch.zeros_like(power))
    advantages = delta @ discount.T
    return advantages, advantages + values
