# pass: one group at a time with python loops, scalar min/max per group
import torch


def quantize_groupwise(x, bits=4, group_size=128):
    n_rows, n_cols = x.shape
    levels = (1 << bits) - 1
    n_groups = n_cols // group_size
    q = torch.zeros(n_rows, n_cols, dtype=torch.uint8)
    x_hat = torch.zeros_like(x)
    scales = torch.zeros(n_rows, n_groups, dtype=x.dtype)
    zeros = torch.zeros(n_rows, n_groups, dtype=torch.uint8)
    for r in range(n_rows):
        for g in range(n_groups):
            cols = slice(g * group_size, (g + 1) * group_size)
            chunk = x[r, cols]
            lo = torch.clamp(chunk.min(), max=0.0)
            hi = torch.clamp(chunk.max(), min=0.0)
            s = torch.clamp(hi - lo, min=1e-8) / levels
            z = torch.clamp(torch.round(-lo / s), 0, levels)
            codes = torch.clamp(torch.round(chunk / s) + z, 0, levels)
            q[r, cols] = codes.to(torch.uint8)
            x_hat[r, cols] = (codes - z) * s
            scales[r, g] = s
            zeros[r, g] = z.to(torch.uint8)
    return q, scales, zeros, x_hat
