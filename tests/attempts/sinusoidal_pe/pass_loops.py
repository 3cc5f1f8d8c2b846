# pass: plain Python loops over positions and pairs with the math module, then one tensor
import math

import torch


def sinusoidal_position_encoding(seq_len, d_model, base=10000.0):
    rows = []
    for p in range(seq_len):
        row = []
        for i in range(d_model // 2):
            angle = p / base ** (2 * i / d_model)
            row += [math.sin(angle), math.cos(angle)]
        rows.append(row)
    return torch.tensor(rows, dtype=torch.get_default_dtype()).reshape(seq_len, d_model)
