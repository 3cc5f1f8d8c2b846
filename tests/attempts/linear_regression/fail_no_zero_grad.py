# fail: autograd loop that never clears .grad, so gradients pile up across epochs
import torch


def fit_linear_regression(x, y, lr=0.01, epochs=1000):
    w = torch.zeros(1, 1, dtype=x.dtype, requires_grad=True)
    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)
    for _ in range(epochs):
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w.sub_(lr * w.grad)
            b.sub_(lr * b.grad)
    return w.detach(), b.detach()
