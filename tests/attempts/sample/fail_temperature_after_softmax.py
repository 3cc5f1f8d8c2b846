# fail: softmax first, then divides the probabilities by the temperature (renormalising undoes it)
import torch


def sample_next_token(logits, uniforms, temperature=1.0, top_k=0, top_p=1.0, min_p=0.0):
    B, V = logits.shape
    if temperature == 0:
        return logits.argmax(-1)
    keep = torch.ones(B, V, dtype=torch.bool)
    if 0 < top_k < V:
        keep = logits >= logits.topk(top_k, -1).values[:, -1:]

    def probs_of(mask):
        p = torch.softmax(logits.masked_fill(~mask, float("-inf")), -1) / temperature
        return p / p.sum(-1, keepdim=True)

    if top_p < 1.0:
        p, order = probs_of(keep).sort(-1, descending=True)
        cut = (p.cumsum(-1) - p) >= top_p
        keep = keep & ~torch.zeros_like(cut).scatter(-1, order, cut)
    if min_p > 0.0:
        p = probs_of(keep)
        keep = keep & (p >= min_p * p.amax(-1, keepdim=True))
    cdf = probs_of(keep).cumsum(-1)
    return (cdf <= uniforms[:, None] * cdf[:, -1:]).sum(-1)
