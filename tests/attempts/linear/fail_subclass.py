# fail: correct, but subclasses the forbidden nn.Linear
import torch.nn as nn


class Linear(nn.Linear):
    pass
