# pass: one sequence at a time, sums of log-probs, clipping with explicit ifs on the advantage sign
import torch


def gspo_loss(logp, old_logp, advantages, mask, clip_low=3e-4, clip_high=4e-4):
    B, T = logp.shape
    terms = []
    for i in range(B):
        m = mask[i]
        n = int(m.sum())
        s_i = torch.exp((logp[i][m].sum() - old_logp[i][m].sum()) / n)
        a = advantages[i]
        clipped = s_i.clamp(1 - clip_low, 1 + clip_high)
        terms.append(-torch.min(s_i * a, clipped * a))
    return sum(terms) / B
