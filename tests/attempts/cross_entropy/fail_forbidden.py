# fail: correct, but takes log-probabilities from F.log_softmax, which this problem forbids
import torch
import torch.nn.functional as F


def cross_entropy(logits, target, ignore_index=-100, label_smoothing=0.0):
    logp = F.log_softmax(logits, dim=-1)
    valid = target != ignore_index
    nll = -logp[valid].gather(1, target[valid].unsqueeze(1)).squeeze(1)
    smooth = -logp[valid].mean(dim=1)
    return ((1 - label_smoothing) * nll + label_smoothing * smooth).mean()
