# fail: removes every token whose inclusive cumulative probability exceeds top_p (drops the crossing token)
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    out = logits.clone()
    if top_k > 0:
        kth = torch.topk(out, min(top_k, out.size(-1)), dim=-1).values[:, -1:]
        out[out < kth] = float("-inf")
    if top_p < 1.0:
        sp, si = torch.sort(torch.softmax(out, dim=-1), descending=True)
        cut = sp.cumsum(-1) > top_p
        cut[:, 0] = False
        out = out.masked_fill(torch.zeros_like(cut).scatter(-1, si, cut), float("-inf"))
    return out
