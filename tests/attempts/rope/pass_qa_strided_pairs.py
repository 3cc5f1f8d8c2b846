# Correct: even/odd strided slices rotated with cos/sin, re-interleaved with stack + flatten.
import torch


def apply_rope(x: torch.Tensor, positions: torch.Tensor, base: float = 10000.0, **kwargs) -> torch.Tensor:
    Dh = x.shape[-1]
    half = Dh // 2
    inv_freq = 1.0 / (base ** (torch.arange(half, dtype=torch.float64) * 2 / Dh))
    angles = torch.outer(positions.double(), inv_freq)                # (T, Dh/2)
    cos = angles.cos().to(x.dtype)[None, :, None, :]
    sin = angles.sin().to(x.dtype)[None, :, None, :]
    x_even = x[..., 0::2]
    x_odd = x[..., 1::2]
    out_even = x_even * cos - x_odd * sin
    out_odd = x_even * sin + x_odd * cos
    return torch.stack((out_even, out_odd), dim=-1).flatten(-2)
