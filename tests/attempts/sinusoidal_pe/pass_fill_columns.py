# pass: fills even/odd columns of a zeros table with exp/log-form frequencies, in the default dtype
import math

import torch


def sinusoidal_position_encoding(seq_len, d_model, base=10000.0):
    pe = torch.zeros(seq_len, d_model)
    position = torch.arange(seq_len).unsqueeze(1).to(pe.dtype)
    div_term = torch.exp(torch.arange(0, d_model, 2).to(pe.dtype) * (-math.log(base) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe
