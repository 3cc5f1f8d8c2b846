# fail: right values, but computes from logp.detach(), so no gradient reaches the policy
import torch


def kl_estimators(logp, ref_logp):
    r = ref_logp - logp.detach()
    return -r, r ** 2 / 2, torch.exp(r) - 1 - r
