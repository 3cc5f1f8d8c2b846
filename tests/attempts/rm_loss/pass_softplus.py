# pass: -log sigmoid(x) written as softplus(-x); margin defaults to zeros
import torch
import torch.nn.functional as F


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    if margin is None:
        margin = torch.zeros_like(chosen_rewards)
    loss = F.softplus(-(chosen_rewards - rejected_rewards - margin)).mean()
    acc = (chosen_rewards - rejected_rewards > 0).float().mean().to(chosen_rewards.dtype)
    return loss, acc
