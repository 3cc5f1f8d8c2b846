# pass: builds an int mask with triu counting and compares, via einsum-free broadcasting
import torch


def build_attention_mask(padding_mask, causal):
    T = padding_mask.shape[1]
    future = torch.triu(torch.ones(T, T, dtype=torch.long), diagonal=1)
    if not causal:
        future = torch.zeros_like(future)
    keep = (future == 0)[None, None] & padding_mask[:, None, None, :]
    return keep
