# Correct: different but equivalent formula, exp(x - logsumexp(x)) (logsumexp is not forbidden).
import torch


def softmax(x: torch.Tensor, dim: int = -1, **unused) -> torch.Tensor:
    return torch.exp(x - torch.logsumexp(x, dim=dim, keepdim=True))
