"""The adamw reference is written by hand (torch.optim is forbidden to attempts, so the reference
may not use it either); prove it takes the same step as torch.optim.AdamW itself."""

import itertools

import pytest
import torch
from helpers import REPO

from drill.spec import load_spec


def _reference():
    namespace = {}
    exec(load_spec(REPO / "problems" / "optim" / "adamw.yaml").reference, namespace)
    return namespace["adamw_step"]


def _torch_step(param, grad, exp_avg, exp_avg_sq, step, lr, beta1, beta2, eps, weight_decay):
    p = param.clone().requires_grad_(True)
    opt = torch.optim.AdamW([p], lr=lr, betas=(beta1, beta2), eps=eps, weight_decay=weight_decay, foreach=False)
    p.grad = grad.clone()
    opt.state[p] = {"step": torch.tensor(float(step - 1)), "exp_avg": exp_avg.clone(), "exp_avg_sq": exp_avg_sq.clone()}
    opt.step()
    state = opt.state[p]
    return p.detach(), state["exp_avg"], state["exp_avg_sq"]


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("step, mag", list(itertools.product([1, 2, 10, 5000], [1e-3, 1.0, 1e3])))
def test_reference_equals_torch_optim_adamw(step, mag, dtype):
    adamw_step = _reference()
    gen = torch.Generator().manual_seed(step)
    param, grad = (torch.randn(4, 5, generator=gen, dtype=dtype) * mag for _ in range(2))
    if step == 1:
        exp_avg, exp_avg_sq = torch.zeros(4, 5, dtype=dtype), torch.zeros(4, 5, dtype=dtype)
    else:
        exp_avg = torch.randn(4, 5, generator=gen, dtype=dtype) * mag
        exp_avg_sq = torch.rand(4, 5, generator=gen, dtype=dtype) * mag ** 2
    for lr, beta1, beta2, eps, wd in [(1e-3, 0.9, 0.999, 1e-8, 0.01), (0.1, 0.8, 0.95, 1e-6, 0.5)]:
        inputs = (param, grad, exp_avg, exp_avg_sq, step, lr, beta1, beta2, eps, wd)
        got = adamw_step(*inputs)
        expected = _torch_step(*inputs)
        tol = {"rtol": 1e-12, "atol": 1e-15} if dtype == torch.float64 else {"rtol": 1e-5, "atol": 1e-9}  # lerp vs mul-add rounding
        for g, e in zip(got, expected):
            torch.testing.assert_close(g, e, **tol)
