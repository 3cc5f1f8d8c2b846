# pass: Hugging Face style, ascending sort and a (1 - top_p) threshold on the cumulative sum
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    out = logits.clone()
    if top_k > 0:
        k = min(top_k, out.size(-1))
        threshold = torch.topk(out, k)[0][..., -1, None]
        out = out.masked_fill(out < threshold, float("-inf"))
    if top_p < 1.0:
        sorted_logits, sorted_idx = torch.sort(out, descending=False)
        cum = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        drop_sorted = cum <= (1 - top_p)
        drop_sorted[..., -1:] = False
        drop = drop_sorted.scatter(1, sorted_idx, drop_sorted)
        out = out.masked_fill(drop, float("-inf"))
    return out
