# pass: Keller Jordan's zeropower_via_newtonschulz5 layout: transposes a tall matrix first
import torch


def newton_schulz(G, steps):
    a, b, c = (3.4445, -4.7750, 2.0315)
    X = G
    if G.size(-2) > G.size(-1):
        X = X.mT
    X = X / (X.norm(dim=(-2, -1), keepdim=True) + 1e-7)
    for _ in range(steps):
        A = X @ X.mT
        B = b * A + c * A @ A
        X = a * X + B @ X
    if G.size(-2) > G.size(-1):
        X = X.mT
    return X


def muon_step(param, grad, momentum_buffer, lr=0.02, momentum=0.95, nesterov=True, ns_steps=5,
              weight_decay=0.0):
    buf = momentum_buffer.lerp(grad, 1 - momentum)
    g = grad.lerp(buf, momentum) if nesterov else buf
    upd = newton_schulz(g, ns_steps)
    upd = upd * max(1, grad.size(-2) / grad.size(-1)) ** 0.5
    p = param * (1 - lr * weight_decay)
    return p - lr * upd, buf
