# fail: on rejection draws the replacement from the target distribution instead of the residual
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    out = []
    for i, x in enumerate(draft_tokens.tolist()):
        ratio = min(1.0, float(target_probs[i, x] / draft_probs[i, x]))
        if float(uniforms[i]) < ratio:
            out.append(x)
            continue
        cdf = target_probs[i].cumsum(0)
        out.append(int(torch.searchsorted(cdf, uniforms[i:i + 1] * cdf[-1], right=True)))
        return out
    cdf = target_probs[-1].cumsum(0)
    out.append(int(torch.searchsorted(cdf, uniforms[-1:] * cdf[-1], right=True)))
    return out
