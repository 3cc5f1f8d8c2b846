# fail: transformers' deprecated AdamW: eps added to the raw sqrt(v), bias corrections folded into the step size
import math

import torch


def adamw_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=0.01):
    p = param.clone()
    m = exp_avg.mul(beta1).add(grad, alpha=1.0 - beta1)
    v = exp_avg_sq.mul(beta2).addcmul(grad, grad, value=1.0 - beta2)
    p = p * (1.0 - lr * weight_decay)
    denom = v.sqrt().add(eps)
    step_size = lr * math.sqrt(1.0 - beta2 ** step) / (1.0 - beta1 ** step)
    p = p.addcdiv(m, denom, value=-step_size)
    return p, m, v
