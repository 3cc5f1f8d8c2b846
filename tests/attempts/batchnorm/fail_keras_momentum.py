# fail: momentum as the weight of the old running value (Keras convention)
import torch


def batch_norm_train(x, weight, bias, running_mean, running_var, momentum=0.1, eps=1e-5):
    n = x.shape[0]
    mean = x.mean(0)
    var = ((x - mean) ** 2).mean(0)
    y = weight * (x - mean) / torch.sqrt(var + eps) + bias
    rm = momentum * running_mean + (1 - momentum) * mean
    rv = momentum * running_var + (1 - momentum) * var * n / (n - 1)
    return y, rm.detach(), rv.detach()
