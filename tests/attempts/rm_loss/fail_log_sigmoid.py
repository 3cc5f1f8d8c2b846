# fail: log(sigmoid(x)) underflows to -inf for gaps of -1e3
import torch


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    z = chosen_rewards - rejected_rewards
    if margin is not None:
        z = z - margin
    loss = -torch.log(torch.sigmoid(z)).mean()
    return loss, (chosen_rewards > rejected_rewards).to(z.dtype).mean()
