# pass: keepdim statistics, rsqrt, and torch.lerp for the running updates (no detaching at all)
import torch


def batch_norm_train(x, weight, bias, running_mean, running_var, momentum=0.1, eps=1e-5):
    n = x.shape[0]
    mean = x.sum(dim=0, keepdim=True) / n                 # (1, C)
    diff = x - mean
    var = (diff * diff).sum(dim=0, keepdim=True) / n      # (1, C)
    y = diff * torch.rsqrt(var + eps) * weight.unsqueeze(0) + bias.unsqueeze(0)
    new_mean = torch.lerp(running_mean, mean.squeeze(0), momentum)
    new_var = torch.lerp(running_var, var.squeeze(0) * n / (n - 1), momentum)
    return y, new_mean, new_var
