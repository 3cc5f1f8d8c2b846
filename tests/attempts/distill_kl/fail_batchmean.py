# fail: the classic recipe with reduction="batchmean" written out: divides by the first dim, not by all positions
import torch


def distillation_loss(student_logits, teacher_logits, temperature=2.0):
    log_s = torch.log_softmax(student_logits / temperature, dim=-1)
    log_t = torch.log_softmax(teacher_logits / temperature, dim=-1)
    total = (log_t.exp() * (log_t - log_s)).sum()
    return total / student_logits.size(0) * temperature ** 2
