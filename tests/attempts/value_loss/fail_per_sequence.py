# fail: per-sequence means, then the mean over rows
import torch


def value_loss(values, old_values, returns, mask, clip_eps=0.2):
    vc = old_values + torch.clamp(values - old_values, -clip_eps, clip_eps)
    loss = torch.max((values - returns) ** 2, (vc - returns) ** 2)
    m = mask.to(values.dtype)
    return 0.5 * ((loss * m).sum(-1) / m.sum(-1)).mean()
