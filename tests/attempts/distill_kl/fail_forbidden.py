# fail: correct (sum over V, mean over positions), but through F.kl_div, which this problem forbids
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, temperature=2.0):
    log_s = F.log_softmax(student_logits / temperature, dim=-1)
    p_t = F.softmax(teacher_logits / temperature, dim=-1)
    per_pos = F.kl_div(log_s, p_t, reduction="none").sum(-1)
    return per_pos.mean() * temperature ** 2
