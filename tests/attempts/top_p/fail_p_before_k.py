# fail: applies top-p on the full distribution first, then top-k
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    out = logits.clone()
    if top_p < 1.0:
        sp, si = torch.sort(torch.softmax(out, dim=-1), descending=True)
        cut = (sp.cumsum(-1) - sp) >= top_p
        out = out.masked_fill(torch.zeros_like(cut).scatter(-1, si, cut), float("-inf"))
    if 0 < top_k < out.size(-1):
        kth = torch.topk(out, top_k, dim=-1).values[:, -1:]
        out = out.masked_fill(out < kth, float("-inf"))
    return out
