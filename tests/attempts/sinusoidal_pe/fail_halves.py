# fail: all sines first, then all cosines (concatenated halves instead of interleaved)
import torch


def sinusoidal_position_encoding(seq_len, d_model, base=10000.0):
    pos = torch.arange(seq_len)[:, None]
    freq = base ** (-torch.arange(0, d_model, 2) / d_model)
    angles = pos * freq
    return torch.cat([angles.sin(), angles.cos()], dim=-1)
