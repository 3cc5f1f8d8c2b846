# fail: returns an additive float mask (0 / -inf) instead of the bool mask the contract asks for
import torch


def build_attention_mask(padding_mask, causal):
    B, T = padding_mask.shape
    allowed = padding_mask[:, None, None, :].expand(B, 1, T, T)
    if causal:
        allowed = allowed & torch.ones(T, T, dtype=torch.bool).tril()
    return torch.zeros(B, 1, T, T).masked_fill(~allowed, float("-inf"))
