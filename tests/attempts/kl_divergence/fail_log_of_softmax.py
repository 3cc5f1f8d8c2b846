# fail: log of softmax probabilities, nan once probabilities underflow at large logits
import torch


def kl_divergence(p_logits, q_logits):
    p = torch.softmax(p_logits, dim=-1)
    q = torch.softmax(q_logits, dim=-1)
    return (p * torch.log(p / q)).sum(dim=-1)
