# pass: -log sigmoid(x) written as softplus(-x)
import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    cr = beta * (policy_chosen_logps - ref_chosen_logps)
    rr = beta * (policy_rejected_logps - ref_rejected_logps)
    loss = F.softplus(rr - cr).sum() / cr.shape[0]
    return loss, cr, rr
