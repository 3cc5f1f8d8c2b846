# pass: explicit loops over batch, query and key, exactly the formula
import torch


def build_attention_mask(padding_mask, causal):
    B, T = padding_mask.shape
    out = torch.zeros(B, 1, T, T, dtype=torch.bool)
    for b in range(B):
        for i in range(T):
            for j in range(T):
                ok = bool(padding_mask[b, j])
                if causal and j > i:
                    ok = False
                out[b, 0, i, j] = ok
    return out
