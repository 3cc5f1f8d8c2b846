# fail: averages within each sequence and then across sequences
import torch


def sft_loss(logits, input_ids, loss_mask):
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -logp.gather(2, input_ids[:, 1:].unsqueeze(2)).squeeze(2)
    m = loss_mask[:, 1:].to(nll.dtype)
    per_seq = (nll * m).sum(1) / m.sum(1)
    return per_seq.mean()
