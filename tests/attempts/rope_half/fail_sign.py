# fail: rotate_half returns cat(x2, -x1), a rotation by minus the angle
import torch


def apply_rope_half(x, positions, base=10000.0):
    d = x.shape[-1]
    inv = 1.0 / base ** (torch.arange(0, d, 2, dtype=torch.float64) / d)
    ang = positions.double()[:, None] * inv
    emb = torch.cat((ang, ang), dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2 :]
    return x * emb.cos().to(x.dtype)[None, :, None] + torch.cat((x2, -x1), dim=-1) * emb.sin().to(x.dtype)[None, :, None]
