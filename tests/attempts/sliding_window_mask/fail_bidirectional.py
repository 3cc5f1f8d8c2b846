# fail: symmetric band, forgets causality
import torch


def sliding_window_mask(seq_len, window):
    pos = torch.arange(seq_len)
    return (pos[:, None] - pos[None, :]).abs() < window
