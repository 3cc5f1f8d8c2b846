# fail: accuracy returned as float32 whatever the rewards' dtype
import torch.nn.functional as F


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    z = chosen_rewards - rejected_rewards
    if margin is not None:
        z = z - margin
    return -F.logsigmoid(z).mean(), (chosen_rewards > rejected_rewards).float().mean()
