# fail: computes KL(Q || P), the reverse direction
import torch


def kl_divergence(p_logits, q_logits):
    logp = torch.log_softmax(p_logits, -1)
    logq = torch.log_softmax(q_logits, -1)
    return (logq.exp() * (logq - logp)).sum(-1)
