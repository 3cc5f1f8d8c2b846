# fail: shifts logits and labels but keeps the unshifted mask of the predicting position
import torch
import torch.nn.functional as F


def sft_loss(logits, input_ids, loss_mask):
    V = logits.shape[-1]
    nll = F.cross_entropy(logits[:, :-1].reshape(-1, V), input_ids[:, 1:].reshape(-1), reduction="none")
    m = loss_mask[:, :-1].reshape(-1).to(nll.dtype)
    return (nll * m).sum() / m.sum()
