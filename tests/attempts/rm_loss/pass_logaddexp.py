# pass: -log sigmoid(x) = logaddexp(0, -x); accuracy as a count over B
import torch


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    x = chosen_rewards - rejected_rewards
    if margin is not None:
        x = x - margin
    per_pair = torch.logaddexp(torch.zeros_like(x), -x)
    correct = (chosen_rewards > rejected_rewards).sum()
    return per_pair.mean(), correct.to(chosen_rewards.dtype) / chosen_rewards.numel()
