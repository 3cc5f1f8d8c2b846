# fail: symmetric CLIP-style loss, averaging both directions
import torch
import torch.nn.functional as F


def info_nce(query, keys, temperature=0.07):
    q = F.normalize(query, dim=-1)
    k = F.normalize(keys, dim=-1)
    logits = q @ k.T / temperature
    labels = torch.arange(len(q))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
