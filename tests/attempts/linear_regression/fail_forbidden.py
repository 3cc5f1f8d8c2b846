# fail: jumps to the least-squares solution with torch.linalg.lstsq (forbidden, and not where a finite run of GD ends)
import torch


def fit_linear_regression(x, y, lr=0.01, epochs=1000):
    design = torch.cat([x, torch.ones_like(x)], dim=1)
    solution = torch.linalg.lstsq(design, y).solution
    return solution[:1, :].reshape(1, 1), solution[1]
