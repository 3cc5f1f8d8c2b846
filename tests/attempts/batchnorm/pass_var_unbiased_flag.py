# pass: torch.var with unbiased=False for y and unbiased=True for the running variance
import torch


def batch_norm_train(x, weight, bias, running_mean, running_var, momentum=0.1, eps=1e-5):
    mu = x.mean(0)
    var_b = x.var(0, unbiased=False)
    x_hat = (x - mu) / torch.sqrt(var_b + eps)
    y = weight * x_hat + bias
    var_u = x.detach().var(0, unbiased=True)
    rm = (1 - momentum) * running_mean + momentum * mu.detach()
    rv = (1 - momentum) * running_var + momentum * var_u
    return y, rm, rv
