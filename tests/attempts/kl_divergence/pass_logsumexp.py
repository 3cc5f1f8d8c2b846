# pass: log-probabilities from logsumexp, then softmax for P
import torch


def kl_divergence(p_logits, q_logits):
    log_p = p_logits - torch.logsumexp(p_logits, dim=-1, keepdim=True)
    log_q = q_logits - torch.logsumexp(q_logits, dim=-1, keepdim=True)
    p = torch.softmax(p_logits, dim=-1)
    return torch.sum(p * (log_p - log_q), dim=-1)
