# pass: autograd on leaf tensors, update under no_grad, clear .grad each epoch
import torch


def fit_linear_regression(x, y, lr=0.01, epochs=1000):
    w = torch.zeros(1, 1, dtype=x.dtype, requires_grad=True)
    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        pred = x @ w.T + b
        loss = torch.mean((pred - y) ** 2)
        gw, gb = torch.autograd.grad(loss, [w, b])
        with torch.no_grad():
            w -= lr * gw
            b -= lr * gb
    return w.detach(), b.detach()
