# fail: correct, but reaches torch.optim's functional adamw through getattr (torch.optim is forbidden)
import importlib

import torch


def adamw_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=0.01):
    functional = importlib.import_module("torch." + "optim" + ".adamw")
    p, m, v = param.clone(), exp_avg.clone(), exp_avg_sq.clone()
    getattr(functional, "adamw")([p], [grad], [m], [v], [], [torch.tensor(float(step - 1))], foreach=False,
                                 amsgrad=False, beta1=beta1, beta2=beta2, lr=lr, weight_decay=weight_decay,
                                 eps=eps, maximize=False)
    return p, m, v
