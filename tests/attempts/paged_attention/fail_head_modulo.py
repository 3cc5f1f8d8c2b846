# fail: query head h reads kv head h % Hkv (tiled), not h // (H // Hkv)
import math

import torch


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    bs, Hkv = k_cache.shape[1], k_cache.shape[2]
    out = torch.zeros_like(q)
    for b in range(B):
        n = int(context_lens[b])
        t = torch.arange(n)
        k = k_cache[block_tables[b, t // bs], t % bs]     # (n, Hkv, Dh)
        v = v_cache[block_tables[b, t // bs], t % bs]
        for h in range(H):
            w = torch.softmax(k[:, h % Hkv] @ q[b, h] / math.sqrt(Dh), 0)
            out[b, h] = w @ v[:, h % Hkv]
    return out
