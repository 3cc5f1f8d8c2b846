# fail: right gather and mask, but the attention is F.scaled_dot_product_attention (forbidden)
import torch
import torch.nn.functional as F


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    Hkv = k_cache.shape[2]
    k = k_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)  # (B, H, S, Dh)
    v = v_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)
    S = k.shape[2]
    mask = (torch.arange(S)[None, :] < context_lens[:, None])[:, None, None, :]
    return F.scaled_dot_product_attention(q.unsqueeze(2), k, v, attn_mask=mask).squeeze(2)
