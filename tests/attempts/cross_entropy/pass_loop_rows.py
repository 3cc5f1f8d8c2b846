# pass: an explicit python loop over rows, as a first interview draft
import torch


def cross_entropy(logits, target, ignore_index=-100, label_smoothing=0.0):
    total = logits.new_zeros(())
    count = 0
    for i in range(logits.shape[0]):
        y = int(target[i])
        if y == ignore_index:
            continue
        row = logits[i]
        mx = row.max()
        log_z = mx + torch.log(torch.sum(torch.exp(row - mx)))
        lp = row - log_z
        total = total + (1 - label_smoothing) * (-lp[y]) + label_smoothing * (-lp.sum() / row.shape[0])
        count += 1
    return total / count
