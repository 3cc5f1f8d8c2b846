# pass: multiplies u*q < p instead of dividing, normalises the residual and scans the CDF in Python
import torch


def _draw(probs, u):
    acc = 0.0
    for tok, pr in enumerate(probs.tolist()):
        acc += pr
        if acc > u:
            return tok
    return len(probs) - 1


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    result = []
    K = len(draft_tokens)
    for i in range(K):
        tok = draft_tokens[i].item()
        p_i = target_probs[i]
        q_i = draft_probs[i]
        u = uniforms[i].item()
        if u * q_i[tok].item() < p_i[tok].item():
            result.append(tok)
        else:
            a = min(1.0, p_i[tok].item() / q_i[tok].item())
            res = torch.relu(p_i - q_i)
            res = res / res.sum()
            result.append(_draw(res, (u - a) / (1.0 - a)))
            return result
    result.append(_draw(target_probs[K], uniforms[K].item()))
    return result
