# pass: torch.tril of ones for the causal part, unsqueeze + repeat for the padding part
import torch


def build_attention_mask(padding_mask, causal):
    bsz, seq = padding_mask.shape
    keys = padding_mask.unsqueeze(1).unsqueeze(2).repeat(1, 1, seq, 1)
    if causal:
        tri = torch.tril(torch.ones(seq, seq, dtype=torch.bool))
        keys = keys & tri
    return keys
