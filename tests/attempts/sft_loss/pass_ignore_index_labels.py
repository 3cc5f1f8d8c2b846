# pass: HF style, masked-out labels replaced by -100 and F.cross_entropy's ignore_index does the mean
import torch
import torch.nn.functional as F


def sft_loss(logits, input_ids, loss_mask):
    labels = input_ids.clone()
    labels[~loss_mask] = -100
    labels = labels[:, 1:].contiguous()
    preds = logits[:, :-1].contiguous()
    return F.cross_entropy(preds.view(-1, preds.size(-1)), labels.view(-1), ignore_index=-100)
