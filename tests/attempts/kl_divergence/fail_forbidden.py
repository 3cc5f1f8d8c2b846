# fail: correct, but uses F.kl_div (input = log Q, target = log P), which this problem forbids
import torch
import torch.nn.functional as F


def kl_divergence(p_logits, q_logits):
    logp = F.log_softmax(p_logits, dim=-1)
    logq = F.log_softmax(q_logits, dim=-1)
    return F.kl_div(logq, logp, reduction="none", log_target=True).sum(-1)
