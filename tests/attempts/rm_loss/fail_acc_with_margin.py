# fail: accuracy asks the gap to beat the margin
import torch.nn.functional as F


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    z = chosen_rewards - rejected_rewards
    if margin is not None:
        z = z - margin
    return -F.logsigmoid(z).mean(), (z > 0).to(z.dtype).mean()
