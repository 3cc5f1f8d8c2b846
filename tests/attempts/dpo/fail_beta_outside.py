# fail: multiplies the log-sigmoid by beta instead of scaling the margin inside it
import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    chosen = policy_chosen_logps - ref_chosen_logps
    rejected = policy_rejected_logps - ref_rejected_logps
    loss = -beta * F.logsigmoid(chosen - rejected)
    return loss.mean(), beta * chosen, beta * rejected
