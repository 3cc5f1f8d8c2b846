# fail: correct, but simply subclasses the forbidden nn.RMSNorm
import torch.nn as nn


class RMSNorm(nn.RMSNorm):
    def __init__(self, dim, eps=1e-6):
        super().__init__(dim, eps=eps)
