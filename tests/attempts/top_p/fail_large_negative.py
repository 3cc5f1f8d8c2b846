# fail: right token sets, but removed tokens get -1e9 instead of -inf
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    V = logits.shape[-1]
    drop = torch.zeros_like(logits, dtype=torch.bool)
    if 0 < top_k < V:
        drop = logits < torch.topk(logits, top_k, dim=-1).values[:, -1:]
    if top_p < 1.0:
        probs = torch.softmax(logits.masked_fill(drop, float("-inf")), dim=-1)
        sp, si = probs.sort(dim=-1, descending=True)
        cut = (sp.cumsum(-1) - sp) >= top_p
        drop = drop | torch.zeros_like(cut).scatter(-1, si, cut)
    return logits.masked_fill(drop, -1e9)
