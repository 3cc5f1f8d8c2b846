# fail: pads both axes (outer product of the padding mask), blanking padded query rows too
import torch


def build_attention_mask(padding_mask, causal):
    T = padding_mask.size(1)
    m = padding_mask.unsqueeze(2) & padding_mask.unsqueeze(1)
    if causal:
        m = m & torch.tril(torch.ones(T, T, dtype=torch.bool))
    return m.unsqueeze(1)
