# pass: einsum on the nn.Linear parameters, ReLU as a mask multiply
import torch
import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, d_model, d_ff):
        super().__init__()
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)

    def forward(self, x):
        pre = torch.einsum("btd,fd->btf", x, self.linear1.weight) + self.linear1.bias
        act = pre * (pre > 0)
        return torch.einsum("btf,df->btd", act, self.linear2.weight) + self.linear2.bias
