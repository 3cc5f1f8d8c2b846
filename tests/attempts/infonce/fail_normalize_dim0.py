# fail: normalises each feature over the batch (dim=0) instead of each embedding
import torch
import torch.nn.functional as F


def info_nce(query, keys, temperature=0.07):
    q = F.normalize(query, dim=0)
    k = F.normalize(keys, dim=0)
    logits = q @ k.T / temperature
    return F.cross_entropy(logits, torch.arange(q.shape[0]))
