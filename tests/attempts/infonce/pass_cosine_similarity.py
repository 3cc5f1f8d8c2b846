# pass: F.cosine_similarity on broadcast pairs, then log_softmax and the diagonal
import torch
import torch.nn.functional as F


def info_nce(query, keys, temperature=0.07):
    sim = F.cosine_similarity(query[:, None, :], keys[None, :, :], dim=-1, eps=1e-30)
    logp = torch.log_softmax(sim / temperature, dim=1)
    return -torch.diag(logp).mean()
