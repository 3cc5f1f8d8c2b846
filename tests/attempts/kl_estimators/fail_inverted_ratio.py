# fail: uses pi / pi_ref inside k3 (exp(logp - ref_logp) - 1 - (logp - ref_logp))
import torch


def kl_estimators(logp, ref_logp):
    d = logp - ref_logp
    return d, d ** 2 / 2, torch.exp(d) - 1 - d
