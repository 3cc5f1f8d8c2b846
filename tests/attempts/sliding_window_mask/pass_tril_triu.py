# pass: lower triangle intersected with a shifted upper triangle
import torch


def sliding_window_mask(seq_len, window):
    full = torch.ones(seq_len, seq_len, dtype=torch.bool)
    return torch.tril(full) & torch.triu(full, diagonal=-(window - 1))
