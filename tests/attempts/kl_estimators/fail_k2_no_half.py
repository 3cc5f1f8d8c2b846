# fail: k2 without the factor 1/2
import torch


def kl_estimators(logp, ref_logp):
    r = ref_logp - logp
    return -r, r.square(), r.exp() - 1 - r
