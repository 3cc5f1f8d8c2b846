# pass: computes every acceptance test at once, finds the first rejection with argmin, then one draw
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    K = draft_tokens.numel()
    idx = torch.arange(K)
    p_x = target_probs[idx, draft_tokens]
    q_x = draft_probs[idx, draft_tokens]
    ratio = torch.minimum(torch.ones_like(p_x), p_x / q_x)
    accepted = uniforms[:K] < ratio
    if bool(accepted.all()):
        n = K
        weights = target_probs[K]
        u = uniforms[K]
    else:
        n = int((~accepted).int().argmax())
        weights = (target_probs[n] - draft_probs[n]).clamp_min(0)
        u = (uniforms[n] - ratio[n]) / (1 - ratio[n])   # uniform again on [0, 1) given the rejection
    cdf = torch.cumsum(weights, 0)
    token = int((cdf > u * cdf[-1]).nonzero()[0, 0])
    return draft_tokens[:n].tolist() + [token]
