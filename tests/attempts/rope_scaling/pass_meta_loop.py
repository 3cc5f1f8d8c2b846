# pass: Meta's apply_scaling, a Python loop over the frequencies
import math

import torch


def llama3_inv_freq(dim, base=500000.0, factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                    original_max_position=8192, dtype=torch.float32):
    freqs = 1.0 / (base ** (torch.arange(0, dim, 2)[: (dim // 2)].to(dtype) / dim))
    low_freq_wavelen = original_max_position / low_freq_factor
    high_freq_wavelen = original_max_position / high_freq_factor
    new_freqs = []
    for freq in freqs:
        wavelen = 2 * math.pi / freq
        if wavelen < high_freq_wavelen:
            new_freqs.append(freq)
        elif wavelen > low_freq_wavelen:
            new_freqs.append(freq / factor)
        else:
            smooth = (original_max_position / wavelen - low_freq_factor) / (high_freq_factor - low_freq_factor)
            new_freqs.append((1 - smooth) * freq / factor + smooth * freq)
    return torch.stack(new_freqs).to(dtype)
