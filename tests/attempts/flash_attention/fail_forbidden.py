# fail: delegates to the forbidden F.scaled_dot_product_attention, one query block at a time
import torch
import torch.nn.functional as F


def flash_attention(q, k, v, causal=False, block_size=64):
    Tq = q.shape[2]
    blocks = []
    for i in range(0, Tq, block_size):
        allowed = torch.arange(k.shape[2])[None, :] <= torch.arange(i, min(i + block_size, Tq))[:, None]
        blocks.append(F.scaled_dot_product_attention(q[:, :, i:i + block_size], k, v,
                                                     attn_mask=allowed if causal else None))
    return torch.cat(blocks, dim=2)
