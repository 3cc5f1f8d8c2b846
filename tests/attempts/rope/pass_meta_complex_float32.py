# pass: Meta's complex version with x.float() and .type_as(x): float32 inside, accepted with a precision note
import torch


def apply_rope(x, positions, base=10000.0):
    B, T, H, D = x.shape
    freqs = 1.0 / (base ** (torch.arange(0, D, 2)[: (D // 2)].float() / D))
    freqs = torch.outer(positions.float(), freqs)
    freqs_cis = torch.polar(torch.ones_like(freqs), freqs)
    xc = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
    out = torch.view_as_real(xc * freqs_cis[None, :, None, :]).flatten(3)
    return out.type_as(x)
