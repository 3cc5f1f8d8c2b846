# fail: a tie counted as a right ranking
import torch.nn.functional as F


def reward_model_loss(chosen_rewards, rejected_rewards, margin=None):
    z = chosen_rewards - rejected_rewards
    if margin is not None:
        z = z - margin
    return -F.logsigmoid(z).mean(), (chosen_rewards >= rejected_rewards).to(z.dtype).mean()
