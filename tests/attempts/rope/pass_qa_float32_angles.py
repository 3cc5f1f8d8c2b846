# pass: computes the angles in float32 regardless of x's dtype, as Meta and HF do (a precision note, not a failure)
import torch


def apply_rope(x, positions, base=10000.0):
    Dh = x.shape[-1]
    theta = base ** (-torch.arange(0, Dh, 2, dtype=torch.float32) / Dh)
    ang = positions.float()[:, None] * theta[None, :]
    cos = ang.cos().to(x.dtype)[None, :, None, :]
    sin = ang.sin().to(x.dtype)[None, :, None, :]
    xe, xo = x[..., 0::2], x[..., 1::2]
    return torch.stack((xe * cos - xo * sin, xe * sin + xo * cos), -1).flatten(-2)
