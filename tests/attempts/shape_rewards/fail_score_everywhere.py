# fail: the score spread on every valid token
import torch


def shape_rewards(logp, ref_logp, scores, mask, beta=0.1):
    m = mask.to(logp.dtype)
    return (-beta * (logp - ref_logp) + scores[:, None]) * m
