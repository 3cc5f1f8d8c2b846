# fail: top-p keeps only tokens whose cumulative probability (itself included) stays below top_p
import torch


def sample_next_token(logits, uniforms, temperature=1.0, top_k=0, top_p=1.0, min_p=0.0):
    if temperature == 0:
        return logits.argmax(-1)
    z = logits / temperature
    V = z.shape[-1]
    if 0 < top_k < V:
        z = z.masked_fill(z < z.topk(top_k, -1).values[:, -1:], float("-inf"))
    if top_p < 1.0:
        p, order = torch.softmax(z, -1).sort(-1, descending=True)
        cut = p.cumsum(-1) > top_p
        cut[:, 0] = False
        z = z.masked_fill(torch.zeros_like(cut).scatter(-1, order, cut), float("-inf"))
    if min_p > 0.0:
        probs = torch.softmax(z, -1)
        z = z.masked_fill(probs < min_p * probs.amax(-1, keepdim=True), float("-inf"))
    cdf = torch.softmax(z, -1).cumsum(-1)
    return (cdf <= uniforms[:, None] * cdf[:, -1:]).sum(-1)
