# fail: the textbook loop, but the residual is sampled with u_i itself instead of (u_i - a) / (1 - a)
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    out = []
    for i, tok in enumerate(draft_tokens.tolist()):
        p, q = target_probs[i], draft_probs[i]
        if uniforms[i] < min(1.0, float(p[tok] / q[tok])):
            out.append(tok)
            continue
        residual = torch.clamp(p - q, min=0)
        residual = residual / residual.sum()
        out.append(int(torch.searchsorted(residual.cumsum(0), uniforms[i:i + 1], right=True)))
        return out
    bonus = target_probs[-1]
    out.append(int(torch.searchsorted(bonus.cumsum(0) / bonus.sum(), uniforms[-1:], right=True)))
    return out
