# pass: signed distance matrix compared against the window bounds
import torch


def sliding_window_mask(seq_len, window):
    pos = torch.arange(seq_len)
    dist = pos.unsqueeze(1) - pos.unsqueeze(0)   # query minus key
    return (dist >= 0) & (dist <= window - 1)
