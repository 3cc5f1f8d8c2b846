# pass: Hugging Face-style warpers on -inf logits (ascending sort for top-p), searchsorted for the draw
import torch


def sample_next_token(logits, uniforms, temperature=1.0, top_k=0, top_p=1.0, min_p=0.0):
    if temperature == 0:
        return torch.argmax(logits, dim=-1)
    neg = float("-inf")
    scores = logits / temperature
    V = scores.size(-1)
    if top_k and top_k < V:
        thresh = torch.topk(scores, top_k).values[..., -1, None]
        scores = scores.masked_fill(scores < thresh, neg)
    if top_p < 1.0:
        sorted_logits, idx = torch.sort(scores, descending=False)
        cum = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
        drop = cum <= (1 - top_p)
        drop[..., -1:] = False
        scores = scores.masked_fill(drop.scatter(1, idx, drop), neg)
    if min_p > 0.0:
        probs = scores.softmax(dim=-1)
        top = probs.max(dim=-1, keepdim=True).values
        scores = scores.masked_fill(probs < min_p * top, neg)
    probs = scores.softmax(dim=-1)
    cdf = probs.cumsum(dim=-1)
    u = (uniforms * cdf[:, -1]).unsqueeze(-1).contiguous()
    return torch.searchsorted(cdf.contiguous(), u, right=True).squeeze(-1)
