# fail: right tokens, but returned as an int64 tensor instead of a Python list
import torch


def speculative_verify(draft_tokens, draft_probs, target_probs, uniforms):
    K = draft_tokens.shape[0]
    out = []
    for i in range(K):
        x = int(draft_tokens[i])
        if uniforms[i] < torch.clamp(target_probs[i, x] / draft_probs[i, x], max=1.0):
            out.append(x)
            continue
        res = (target_probs[i] - draft_probs[i]).clamp(min=0.0)
        out.append(int(torch.searchsorted(res.cumsum(0), (uniforms[i] * res.sum()).reshape(1), right=True)))
        return torch.tensor(out)
    cdf = target_probs[K].cumsum(0)
    out.append(int(torch.searchsorted(cdf, (uniforms[K] * cdf[-1]).reshape(1), right=True)))
    return torch.tensor(out)
