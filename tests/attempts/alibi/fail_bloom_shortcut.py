# fail: BLOOM's shortcut, slope times the key position (equal only after a causal softmax)
import torch


def alibi_bias(num_heads, seq_len):
    slopes = 2.0 ** (-8.0 * torch.arange(1, num_heads + 1) / num_heads)
    keys = torch.arange(seq_len)
    return (slopes[:, None, None] * keys[None, None, :]).expand(num_heads, seq_len, seq_len).clone()
