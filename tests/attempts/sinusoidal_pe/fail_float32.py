# fail: hard-codes float32 (dtype=torch.float) as many tutorials do; wrong dtype in the float64 pass
import math

import torch


def sinusoidal_position_encoding(seq_len, d_model, base=10000.0):
    pe = torch.zeros(seq_len, d_model, dtype=torch.float)
    position = torch.arange(0, seq_len, dtype=torch.float).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(base) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe
