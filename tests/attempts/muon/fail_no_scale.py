# fail: forgets the max(1, rows/cols)^0.5 factor
import torch


def muon_step(param, grad, momentum_buffer, lr=0.02, momentum=0.95, nesterov=True, ns_steps=5,
              weight_decay=0.0):
    buf = momentum_buffer.lerp(grad, 1 - momentum)
    u = grad.lerp(buf, momentum) if nesterov else buf
    X = u / (u.norm() + 1e-7)
    for _ in range(ns_steps):
        A = X @ X.T
        X = 3.4445 * X + (-4.7750 * A + 2.0315 * A @ A) @ X
    return param * (1 - lr * weight_decay) - lr * X, buf
