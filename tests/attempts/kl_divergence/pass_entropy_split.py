# pass: KL = cross-entropy(P, Q) - entropy(P), each written out with xlogy-free log-softmax
import torch
import torch.nn.functional as F


def kl_divergence(p_logits, q_logits):
    logp = F.log_softmax(p_logits, dim=-1)
    logq = F.log_softmax(q_logits, dim=-1)
    p = logp.exp()
    cross = -(p * logq).sum(-1)
    entropy = -(p * logp).sum(-1)
    return cross - entropy
