# pass: one sequence at a time, flat slot ids (block * block_size + offset), only the valid tokens
import math

import torch


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    n_blocks, bs, n_kv, _ = k_cache.shape
    k_flat = k_cache.reshape(n_blocks * bs, n_kv, Dh)
    v_flat = v_cache.reshape(n_blocks * bs, n_kv, Dh)
    group = H // n_kv
    out = []
    for b in range(B):
        L = int(context_lens[b])
        pos = torch.arange(L)
        slot = block_tables[b, pos // bs] * bs + pos % bs
        keys = k_flat[slot]                      # (L, Hkv, Dh)
        vals = v_flat[slot]
        heads = []
        for h in range(H):
            kh = keys[:, h // group]             # (L, Dh)
            w = torch.softmax(kh @ q[b, h] / math.sqrt(Dh), dim=0)
            heads.append(w @ vals[:, h // group])
        out.append(torch.stack(heads))
    return torch.stack(out)
