# fail: the length mask keeps slot context_len (<= instead of <)
import math

import torch


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    Hkv = k_cache.shape[2]
    k = k_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)  # (B, H, S, Dh)
    v = v_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)
    S = k.shape[2]
    keep = torch.arange(S)[None, :] <= context_lens[:, None]
    s = torch.einsum("bhd,bhsd->bhs", q, k) / math.sqrt(Dh)
    s = s.masked_fill(~keep[:, None, :], float("-inf"))
    return torch.einsum("bhs,bhsd->bhd", s.softmax(-1), v)
