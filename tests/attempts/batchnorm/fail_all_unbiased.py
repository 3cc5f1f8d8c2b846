# fail: uses x.var() (unbiased) both to normalise and for the running variance
import torch


def batch_norm_train(x, weight, bias, running_mean, running_var, momentum=0.1, eps=1e-5):
    mean = x.mean(0)
    var = x.var(0)
    y = (x - mean) / torch.sqrt(var + eps) * weight + bias
    new_rm = (1 - momentum) * running_mean + momentum * mean
    new_rv = (1 - momentum) * running_var + momentum * var
    return y, new_rm, new_rv
