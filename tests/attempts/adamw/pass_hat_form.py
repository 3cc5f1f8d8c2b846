# pass: textbook form with explicit m_hat / v_hat and torch.sqrt; eps after the root
import torch


def adamw_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=0.01):
    decayed = param - lr * weight_decay * param
    m = exp_avg * beta1 + grad * (1.0 - beta1)
    v = exp_avg_sq * beta2 + grad.pow(2) * (1.0 - beta2)
    m_hat = m / (1.0 - beta1 ** step)
    v_hat = v / (1.0 - beta2 ** step)
    new_param = decayed - lr * m_hat / (torch.sqrt(v_hat) + eps)
    return new_param, m, v
