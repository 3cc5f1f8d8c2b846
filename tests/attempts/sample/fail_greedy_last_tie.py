# fail: greedy scan with >=, so tied maxima go to the last index instead of the first
import math

import torch


def _softmax(vals):
    m = max(vals)
    e = [math.exp(v - m) for v in vals]
    s = sum(e)
    return [x / s for x in e]


def sample_next_token(logits, uniforms, temperature=1.0, top_k=0, top_p=1.0, min_p=0.0):
    B, V = logits.shape
    out = []
    for b in range(B):
        row = logits[b].tolist()
        if temperature == 0:
            best = 0
            for i in range(1, V):
                if row[i] >= row[best]:
                    best = i
            out.append(best)
            continue
        z = [v / temperature for v in row]
        alive = sorted(range(V), key=lambda i: -z[i])
        if 0 < top_k < V:
            alive = alive[:top_k]
        if top_p < 1.0:
            p = _softmax([z[i] for i in alive])
            kept, mass = [], 0.0
            for i, pi in zip(alive, p):
                if mass >= top_p:
                    break
                kept.append(i)
                mass += pi
            alive = kept
        if min_p > 0.0:
            p = _softmax([z[i] for i in alive])
            bar = min_p * max(p)
            alive = [i for i, pi in zip(alive, p) if pi >= bar]
        p = _softmax([z[i] for i in alive])
        prob = [0.0] * V
        for i, pi in zip(alive, p):
            prob[i] = pi
        target = float(uniforms[b]) * sum(prob)
        acc, pick = 0.0, V - 1
        for i in range(V):
            acc += prob[i]
            if prob[i] > 0 and acc > target:
                pick = i
                break
        out.append(pick)
    return torch.tensor(out, dtype=torch.int64)
