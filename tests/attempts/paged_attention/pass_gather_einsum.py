# pass: gather every table entry, group query heads as (Hkv, G) with einsum, mask by length
import torch


def paged_attention(q, k_cache, v_cache, block_tables, context_lens):
    B, H, Dh = q.shape
    _, block_size, Hkv, _ = k_cache.shape
    G = H // Hkv
    k = k_cache[block_tables].flatten(1, 2)          # (B, S, Hkv, Dh)
    v = v_cache[block_tables].flatten(1, 2)
    S = k.shape[1]
    qg = q.view(B, Hkv, G, Dh)
    scores = torch.einsum("bkgd,bskd->bkgs", qg, k) * Dh ** -0.5
    valid = torch.arange(S).unsqueeze(0) < context_lens.unsqueeze(1)   # (B, S)
    scores = torch.where(valid[:, None, None, :], scores, torch.full_like(scores, -float("inf")))
    p = scores.softmax(dim=-1)
    out = torch.einsum("bkgs,bskd->bkgd", p, v)
    return out.reshape(B, H, Dh)
