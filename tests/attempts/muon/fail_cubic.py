# fail: the textbook cubic Newton-Schulz iteration
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, momentum=0.95, nesterov=True, ns_steps=5,
              weight_decay=0.0):
    buf = momentum_buffer.lerp(grad, 1 - momentum)
    u = grad.lerp(buf, momentum) if nesterov else buf
    X = u / (u.norm() + 1e-7)
    for _ in range(ns_steps):
        X = 1.5 * X - 0.5 * X @ X.T @ X
    r, c = param.shape
    return param * (1 - lr * weight_decay) - lr * X * max(1, r / c) ** 0.5, buf
