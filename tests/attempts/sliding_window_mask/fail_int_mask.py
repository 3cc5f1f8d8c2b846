# fail: right pattern but returned as a 0/1 integer tensor, not bool
import torch


def sliding_window_mask(seq_len, window):
    full = torch.ones(seq_len, seq_len, dtype=torch.long)
    return torch.tril(full) - torch.tril(full, diagonal=-window)
