# pass: clip through min/max with scalars, weighted sum with einsum over the mask
import torch


def dapo_loss(logp, old_logp, advantages, mask, clip_low=0.2, clip_high=0.28):
    ratio = torch.exp(logp - old_logp)
    clipped = torch.minimum(torch.maximum(ratio, torch.tensor(1 - clip_low, dtype=ratio.dtype)),
                            torch.tensor(1 + clip_high, dtype=ratio.dtype))
    obj = torch.min(torch.einsum("bt,b->bt", ratio, advantages), torch.einsum("bt,b->bt", clipped, advantages))
    w = mask.to(logp.dtype)
    return -torch.einsum("bt,bt->", obj, w) / w.sum()
