# pass: flattens the shifted logits and labels and uses F.cross_entropy(reduction="none")
import torch
import torch.nn.functional as F


def sft_loss(logits, input_ids, loss_mask):
    B, T, V = logits.shape
    shift_logits = logits[:, :-1, :].reshape(-1, V)
    shift_labels = input_ids[:, 1:].reshape(-1)
    shift_mask = loss_mask[:, 1:].reshape(-1).float().to(logits.dtype)
    per_tok = F.cross_entropy(shift_logits, shift_labels, reduction="none")
    return (per_tok * shift_mask).sum() / shift_mask.sum()
