# fail: forgets the shift, scoring each position against its own input token
import torch
import torch.nn.functional as F


def sft_loss(logits, input_ids, loss_mask):
    V = logits.shape[-1]
    nll = F.cross_entropy(logits.reshape(-1, V), input_ids.reshape(-1), reduction="none")
    m = loss_mask.reshape(-1).to(nll.dtype)
    return (nll * m).sum() / m.sum()
