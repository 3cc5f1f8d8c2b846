# pass: flattens the leading dims into rows, computes per row, reshapes back
import torch


def kl_divergence(p_logits, q_logits):
    V = p_logits.shape[-1]
    lead = p_logits.shape[:-1]
    p2 = p_logits.reshape(-1, V)
    q2 = q_logits.reshape(-1, V)
    p2 = p2 - p2.max(dim=1, keepdim=True).values
    q2 = q2 - q2.max(dim=1, keepdim=True).values
    logp = p2 - p2.exp().sum(1, keepdim=True).log()
    logq = q2 - q2.exp().sum(1, keepdim=True).log()
    kl = (logp.exp() * (logp - logq)).sum(1)
    return kl.reshape(lead)
