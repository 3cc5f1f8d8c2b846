# fail: forgets to multiply by temperature squared
import torch


def distillation_loss(student_logits, teacher_logits, temperature=2.0):
    log_s = torch.log_softmax(student_logits / temperature, dim=-1)
    log_t = torch.log_softmax(teacher_logits / temperature, dim=-1)
    return (log_t.exp() * (log_t - log_s)).sum(-1).mean()
