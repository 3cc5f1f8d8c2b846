# fail: attends to every slot of every block in the table (no context_len mask)
import math

import torch


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    Hkv = k_cache.shape[2]
    k = k_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)  # (B, H, S, Dh)
    v = v_cache[block_tables].flatten(1, 2).transpose(1, 2).repeat_interleave(H // Hkv, 1)
    att = torch.softmax(torch.einsum("bhd,bhsd->bhs", q, k) / math.sqrt(Dh), -1)
    return torch.einsum("bhs,bhsd->bhd", att, v)
