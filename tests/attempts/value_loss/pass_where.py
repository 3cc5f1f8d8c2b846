# pass: explicit where-based clipping and a masked sum over the count
import torch


def value_loss(values, old_values, returns, mask, clip_eps=0.2):
    hi = old_values + clip_eps
    lo = old_values - clip_eps
    vc = torch.where(values > hi, hi, torch.where(values < lo, lo, values))
    loss = torch.where((vc - returns) ** 2 > (values - returns) ** 2, (vc - returns) ** 2, (values - returns) ** 2)
    loss = torch.where(mask, loss, torch.zeros_like(loss))
    return loss.sum() / mask.sum() * 0.5
