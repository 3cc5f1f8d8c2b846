# pass: clamp with tensor bounds, masked_select for the token mean
import torch


def value_loss(values, old_values, returns, mask, clip_eps=0.2):
    v_clipped = torch.clamp(values, old_values - clip_eps, old_values + clip_eps)
    l1 = (values - returns).pow(2)
    l2 = (v_clipped - returns).pow(2)
    per_tok = torch.max(l1, l2)
    return 0.5 * per_tok.masked_select(mask).mean()
