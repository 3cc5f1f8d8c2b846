# pass: plain Python loops over samples and groups
import torch


def dapo_filter(rewards, lengths, group_size, max_len, cache_len):
    l_exp = max_len - cache_len
    shaped = rewards.clone()
    keep = torch.zeros(rewards.shape[0], dtype=torch.bool)
    for i in range(rewards.shape[0]):
        n = int(lengths[i])
        if n > max_len:
            shaped[i] = shaped[i] - 1.0
        elif n > l_exp:
            shaped[i] = shaped[i] + (l_exp - n) / cache_len
    for start in range(0, rewards.shape[0], group_size):
        vals = set(rewards[start:start + group_size].tolist())
        keep[start:start + group_size] = len(vals) > 1
    return shaped, keep
