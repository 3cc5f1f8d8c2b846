# fail: the cosine column 2i+1 uses exponent (2i+1)/d_model (a common transcription of the formula)
import torch


def sinusoidal_position_encoding(seq_len, d_model, base=10000.0):
    pe = torch.zeros(seq_len, d_model)
    pos = torch.arange(seq_len)[:, None]
    for j in range(d_model):
        angle = pos[:, 0] / base ** (j / d_model)
        pe[:, j] = torch.sin(angle) if j % 2 == 0 else torch.cos(angle)
    return pe
