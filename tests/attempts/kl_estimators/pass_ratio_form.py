# pass: writes k3 through the probability ratio pi_ref / pi and its log
import torch


def kl_estimators(logp, ref_logp):
    ratio = torch.exp(ref_logp.detach() - logp)
    log_ratio = torch.log(ratio)
    k1 = logp - ref_logp.detach()
    k2 = 0.5 * log_ratio.pow(2)
    k3 = (ratio - 1) - log_ratio
    return k1, k2, k3
