# fail: the soft band forgotten: nothing until max_len, then -1
import torch


def dapo_filter(rewards, lengths, group_size, max_len, cache_len):
    l_exp = max_len
    over = (lengths - l_exp).clamp(min=0).to(rewards.dtype)
    pen = torch.where(lengths > max_len, torch.full_like(rewards, -1.0), -over / cache_len)
    g = rewards.view(-1, group_size)
    keep = (g != g[:, :1]).any(1).repeat_interleave(group_size)
    return rewards + pen, keep
