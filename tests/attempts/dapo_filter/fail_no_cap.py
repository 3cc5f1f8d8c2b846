# fail: linear ramp with no -1 floor
import torch


def dapo_filter(rewards, lengths, group_size, max_len, cache_len):
    l_exp = max_len - cache_len
    pen = -((lengths - l_exp).clamp(min=0).to(rewards.dtype)) / cache_len
    g = rewards.view(-1, group_size)
    keep = (g != g[:, :1]).any(1).repeat_interleave(group_size)
    return rewards + pen, keep
