# pass: explicit double loop filling a bool tensor
import torch


def sliding_window_mask(seq_len, window):
    mask = torch.zeros((seq_len, seq_len), dtype=torch.bool)
    for i in range(seq_len):
        for j in range(max(0, i - window + 1), i + 1):
            mask[i, j] = True
    return mask
