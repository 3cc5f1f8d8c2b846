# fail: correct accept/reject, but returns only the draft tokens when all of them are accepted
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    out = []
    for i in range(draft_tokens.shape[0]):
        x = int(draft_tokens[i])
        if uniforms[i] < min(1.0, (target_probs[i, x] / draft_probs[i, x]).item()):
            out.append(x)
        else:
            res = (target_probs[i] - draft_probs[i]).clamp(min=0)
            cdf = res.cumsum(0) / res.sum()
            out.append(int((cdf > uniforms[i]).nonzero()[0]))
            break
    return out
