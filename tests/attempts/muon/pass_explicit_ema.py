# pass: EMA and Nesterov written out, the polynomial expanded as X + X X^T X + ...
import math

import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, momentum=0.95, nesterov=True, ns_steps=5,
              weight_decay=0.0):
    m, n = param.shape
    new_buf = momentum * momentum_buffer + (1 - momentum) * grad
    u = (1 - momentum) * grad + momentum * new_buf if nesterov else new_buf
    X = u / (torch.linalg.matrix_norm(u) + 1e-7)
    for _ in range(ns_steps):
        XXt = X @ X.T
        X = 3.4445 * X - 4.7750 * (XXt @ X) + 2.0315 * (XXt @ (XXt @ X))
    scale = math.sqrt(max(1.0, m / n))
    return param - lr * weight_decay * param - lr * scale * X, new_buf
