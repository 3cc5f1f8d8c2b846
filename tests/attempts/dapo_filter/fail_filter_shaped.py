# fail: all-equal test applied after the length penalty
import torch


def dapo_filter(rewards, lengths, group_size, max_len, cache_len):
    l_exp = max_len - cache_len
    over = (lengths - l_exp).clamp(min=0).to(rewards.dtype)
    shaped = rewards + torch.where(lengths > max_len, torch.full_like(rewards, -1.0), -over / cache_len)
    g = shaped.view(-1, group_size)
    keep = (g != g[:, :1]).any(1).repeat_interleave(group_size)
    return shaped, keep
