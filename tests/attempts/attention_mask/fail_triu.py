# fail: uses torch.triu for the causal part, letting each token see the future
import torch


def build_attention_mask(padding_mask, causal):
    B, T = padding_mask.shape
    m = padding_mask[:, None, None, :].expand(B, 1, T, T)
    if causal:
        m = m & torch.triu(torch.ones(T, T, dtype=torch.bool))
    return m
