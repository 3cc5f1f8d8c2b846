# pass: explicit Python loops building nested lists, one tensor at the end
import torch


def alibi_bias(num_heads, seq_len):
    table = []
    for h in range(num_heads):
        slope = 2.0 ** (-8.0 * (h + 1) / num_heads)
        table.append([[-slope * abs(i - j) for j in range(seq_len)] for i in range(seq_len)])
    return torch.tensor(table, dtype=torch.get_default_dtype()).reshape(num_heads, seq_len, seq_len)
