# pass: computes every acceptance test at once, finds the first rejection with argmin, then one draw
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    K = draft_tokens.numel()
    idx = torch.arange(K)
    p_x = target_probs[idx, draft_tokens]
    q_x = draft_probs[idx, draft_tokens]
    accepted = uniforms[:K] < torch.minimum(torch.ones_like(p_x), p_x / q_x)
    if bool(accepted.all()):
        n = K
        weights = target_probs[K]
    else:
        n = int((~accepted).int().argmax())
        weights = (target_probs[n] - draft_probs[n]).clamp_min(0)
    cdf = torch.cumsum(weights, 0)
    token = int((cdf > uniforms[n] * cdf[-1]).nonzero()[0, 0])
    return draft_tokens[:n].tolist() + [token]
