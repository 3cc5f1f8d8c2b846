# pass: inclusive cumsum > top_p, shifted right by one so the crossing token stays; argsort inverse via gather
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    x = logits
    V = x.shape[-1]
    if top_k and top_k < V:
        kth_val = x.sort(dim=-1, descending=True).values[:, top_k - 1 : top_k]
        x = torch.where(x >= kth_val, x, torch.full_like(x, float("-inf")))
    if top_p < 1.0:
        probs = torch.softmax(x, dim=-1)
        sp, idx = probs.sort(dim=-1, descending=True)
        over = sp.cumsum(dim=-1) > top_p
        over = torch.cat([torch.zeros_like(over[:, :1]), over[:, :-1]], dim=-1)
        inv = idx.argsort(dim=-1)
        over = over.gather(-1, inv)
        x = x.masked_fill(over, float("-inf"))
    return x
