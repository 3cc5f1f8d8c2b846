# fail: the label-smoothing term is averaged over every row, ignored rows included
import torch


def cross_entropy(logits, target, ignore_index=-100, label_smoothing=0.0):
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    valid = target != ignore_index
    nll = -logp[valid, target[valid]].mean()
    smooth = -logp.mean(dim=1).mean()
    return (1 - label_smoothing) * nll + label_smoothing * smooth
