# fail: plain position interpolation, every frequency / factor
import torch


def llama3_inv_freq(dim, base=500000.0, factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                    original_max_position=8192, dtype=torch.float32):
    return 1.0 / base ** (torch.arange(0, dim, 2, dtype=dtype) / dim) / factor
