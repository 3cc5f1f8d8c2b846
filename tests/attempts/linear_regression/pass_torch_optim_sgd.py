# pass: the everyday training loop, torch.optim.SGD with zero_grad/backward/step (creating an optimizer
# loads torch._dynamo, which re-wraps torch.manual_seed: that is torch's doing, not tampering)
import torch


def fit_linear_regression(x, y, lr=0.01, epochs=1000):
    w = torch.zeros(1, 1, dtype=x.dtype, requires_grad=True)
    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = ((x @ w + b - y) ** 2).mean()
        loss.backward()
        opt.step()
    return w.detach(), b.detach()
