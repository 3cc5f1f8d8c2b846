# pass: a hand-made stable log-sigmoid, max(0, -x) + log1p(exp(-|x|))
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps, beta=0.1):
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps)
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps)
    x = chosen_rewards - rejected_rewards
    neg_log_sig = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))
    return neg_log_sig.mean(), chosen_rewards, rejected_rewards
