# pass: KL = soft cross-entropy minus teacher entropy, logsumexp-normalised by hand
import torch


def distillation_loss(student_logits, teacher_logits, temperature=2.0):
    T = temperature
    s = student_logits / T
    t = teacher_logits / T
    log_ps = s - torch.logsumexp(s, dim=-1, keepdim=True)
    log_pt = t - torch.logsumexp(t, dim=-1, keepdim=True)
    pt = torch.softmax(t, dim=-1)
    soft_ce = -(pt * log_ps).sum(-1)
    ent = -(pt * log_pt).sum(-1)
    n = soft_ce.numel()
    return (T ** 2) * (soft_ce - ent).sum() / n
