# fail: the clip centred on the current values
import torch


def value_loss(values, old_values, returns, mask, clip_eps=0.2):
    vc = torch.clamp(old_values, values - clip_eps, values + clip_eps)
    loss = torch.max((values - returns) ** 2, (vc - returns) ** 2)
    m = mask.to(values.dtype)
    return 0.5 * (loss * m).sum() / m.sum()
