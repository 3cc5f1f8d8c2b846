# pass: expm1 for an accurate k3 when the policies are close
import torch


def kl_estimators(logp, ref_logp):
    log_ratio = logp - ref_logp          # log pi / pi_ref
    k1 = log_ratio
    k2 = log_ratio * log_ratio / 2.0
    k3 = torch.expm1(-log_ratio) + log_ratio
    return (k1, k2, k3)
