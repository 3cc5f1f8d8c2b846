# fail: slope_h = 2^(-8h/H), so head 0 has slope 1
import torch


def alibi_bias(num_heads, seq_len):
    slopes = 2.0 ** (-8.0 * torch.arange(num_heads) / num_heads)
    pos = torch.arange(seq_len)
    return -slopes[:, None, None] * (pos[:, None] - pos[None, :]).abs()
