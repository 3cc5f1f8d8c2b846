# fail: zeroes ignored rows but divides by N, so ignored rows dilute the mean
import torch


def cross_entropy(logits, target, ignore_index=-100, label_smoothing=0.0):
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    valid = target != ignore_index
    nll = -logp.gather(1, target.clamp(min=0).unsqueeze(1)).squeeze(1)
    loss = (1 - label_smoothing) * nll - label_smoothing * logp.mean(1)
    return (loss * valid).mean()
