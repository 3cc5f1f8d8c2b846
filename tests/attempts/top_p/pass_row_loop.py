# pass: row by row with python lists of token ids, stable softmax by hand
import torch


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    B, V = logits.shape
    out = torch.full_like(logits, float("-inf"))
    for b in range(B):
        row = logits[b]
        order = torch.argsort(row, descending=True).tolist()
        if 0 < top_k < V:
            order = order[:top_k]
        vals = row[order]
        p = torch.exp(vals - vals.max())
        p = p / p.sum()
        keep = []
        total = 0.0
        for tok, prob in zip(order, p.tolist()):
            if top_p < 1.0 and total >= top_p:
                break
            keep.append(tok)
            total += prob
        out[b, keep] = row[keep]
    return out
