# pass: Hugging Face style rotate_half with cos/sin tables built from cat(freqs, freqs)
import torch


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rope_half(x, positions, base=10000.0):
    dim = x.shape[-1]
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).to(torch.float64) / dim))
    freqs = positions[:, None].to(torch.float64) * inv_freq[None, :]
    emb = torch.cat((freqs, freqs), dim=-1)
    cos = emb.cos().to(x.dtype).unsqueeze(0).unsqueeze(2)
    sin = emb.sin().to(x.dtype).unsqueeze(0).unsqueeze(2)
    return x * cos + rotate_half(x) * sin
