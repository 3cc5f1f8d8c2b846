# pass: the three length regimes as nested where; keep from max != min per group
import torch


def dapo_filter(rewards, lengths, group_size, max_len, cache_len):
    l_exp = max_len - cache_len
    L = lengths.to(rewards.dtype)
    pen = torch.where(L <= l_exp, torch.zeros_like(L),
                      torch.where(L <= max_len, (l_exp - L) / cache_len, -torch.ones_like(L)))
    g = rewards.reshape(-1, group_size)
    mixed = g.max(dim=1).values != g.min(dim=1).values
    keep = mixed.repeat_interleave(group_size)
    return rewards + pen, keep
