# Correct: Meta LLaMA style, view_as_complex over adjacent pairs times polar(1, p*theta) with float64 angles.
import torch


def apply_rope(x, positions, base=10000.0):
    B, T, H, Dh = x.shape
    i = torch.arange(0, Dh, 2, dtype=torch.float64, device=x.device)
    theta = base ** (-i / Dh)
    ang = positions.to(torch.float64)[:, None] * theta[None, :]          # (T, Dh/2)
    rot = torch.polar(torch.ones_like(ang), ang)                          # complex128
    work = torch.float64 if x.dtype == torch.float64 else torch.float32
    xc = torch.view_as_complex(x.to(work).reshape(B, T, H, Dh // 2, 2).contiguous())
    rot = rot.to(xc.dtype)[None, :, None, :]
    out = torch.view_as_real(xc * rot).reshape(B, T, H, Dh)
    return out.to(x.dtype)
