# pass: einsum cosine similarities and a hand-written logsumexp over the keys
import torch


def info_nce(query, keys, temperature=0.07):
    qn = query / torch.sqrt((query ** 2).sum(-1, keepdim=True))
    kn = keys / torch.sqrt((keys ** 2).sum(-1, keepdim=True))
    sim = torch.einsum("nd,md->nm", qn, kn) / temperature
    mx = sim.max(dim=1, keepdim=True).values
    lse = mx.squeeze(1) + torch.exp(sim - mx).sum(1).log()
    pos = torch.einsum("nd,nd->n", qn, kn) / temperature
    return (lse - pos).mean()
