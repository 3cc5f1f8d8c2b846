# fail: correct, but calls the forbidden F.batch_norm (on clones, so the inputs stay untouched)
import torch.nn.functional as F


def batch_norm_train(x, weight, bias, running_mean, running_var, momentum=0.1, eps=1e-5):
    rm, rv = running_mean.clone(), running_var.clone()
    y = F.batch_norm(x, rm, rv, weight, bias, training=True, momentum=momentum, eps=eps)
    return y, rm, rv
