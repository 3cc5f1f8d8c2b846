# fail: signed distance j - i scaled by the slope (no absolute value), future keys get a positive bias
import torch


def alibi_bias(num_heads, seq_len):
    slopes = 2.0 ** (-8.0 * torch.arange(1, num_heads + 1) / num_heads)
    pos = torch.arange(seq_len)
    return slopes[:, None, None] * (pos[None, :] - pos[:, None])
