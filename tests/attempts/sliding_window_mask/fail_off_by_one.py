# fail: lets each query see `window` tokens before it plus itself (window + 1 in all)
import torch


def sliding_window_mask(seq_len, window):
    i = torch.arange(seq_len).view(-1, 1)
    j = torch.arange(seq_len).view(1, -1)
    return (j <= i) & (j >= i - window)
