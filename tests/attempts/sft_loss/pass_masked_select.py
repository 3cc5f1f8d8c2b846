# pass: selects the counted positions with boolean indexing, then a manual log-softmax
import torch


def sft_loss(logits, input_ids, loss_mask):
    keep = loss_mask[:, 1:]
    chosen_logits = logits[:, :-1][keep]          # (n, V)
    chosen_ids = input_ids[:, 1:][keep]           # (n,)
    m = chosen_logits.max(dim=-1, keepdim=True).values
    log_z = m.squeeze(-1) + (chosen_logits - m).exp().sum(-1).log()
    target_logit = chosen_logits[torch.arange(chosen_ids.numel()), chosen_ids]
    return (log_z - target_logit).mean()
