# pass: flattens every leading position into rows, F.log_softmax, sum over V, mean over rows
import torch
import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, temperature=2.0):
    V = student_logits.size(-1)
    s = student_logits.reshape(-1, V) / temperature
    t = teacher_logits.detach().reshape(-1, V) / temperature
    log_ps = F.log_softmax(s, dim=1)
    log_pt = F.log_softmax(t, dim=1)
    kl_rows = torch.sum(log_pt.exp() * (log_pt - log_ps), dim=1)
    return kl_rows.sum() / kl_rows.numel() * temperature * temperature
