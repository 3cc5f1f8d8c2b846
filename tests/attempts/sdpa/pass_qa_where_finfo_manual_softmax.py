# Correct: einsum scores, torch.where with the dtype's lowest value, hand-written stable softmax, extra kwargs ignored.
import torch


def scaled_dot_product_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                                 mask: torch.Tensor = None, **kwargs) -> torch.Tensor:
    scale = q.shape[-1] ** -0.5
    s = torch.einsum("bhqd,bhkd->bhqk", q, k) * scale
    if mask is not None:
        s = torch.where(mask, s, torch.finfo(s.dtype).min)
    s = s - s.amax(dim=-1, keepdim=True)
    p = s.exp()
    if mask is not None:
        p = p * mask
    p = p / p.sum(dim=-1, keepdim=True)
    return torch.einsum("bhqk,bhkd->bhqd", p, v)
