# pass: einsum scores, torch.where with the dtype's lowest value, manual stable softmax
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.size(-1)
    s = torch.einsum("bhqd,bhkd->bhqk", q, k) * d ** -0.5
    if mask is not None:
        s = torch.where(mask, s, torch.finfo(s.dtype).min)
    s = s - s.max(dim=-1, keepdim=True).values
    p = s.exp()
    p = p / p.sum(dim=-1, keepdim=True)
    return torch.einsum("bhqk,bhkd->bhqd", p, v)
