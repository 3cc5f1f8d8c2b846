# pass: batched model call per step, HF-like bookkeeping with a BeamHypotheses-style list
import torch


class Hyps:
    def __init__(self, lp):
        self.lp = lp
        self.items = []

    def add(self, tokens, total, gen_len):
        self.items.append((total / (gen_len ** self.lp), tokens))

    def best(self):
        score, tokens = self.items[0]
        for s, t in self.items[1:]:
            if s > score:
                score, tokens = s, t
        return tokens, score


def beam_search(next_log_probs, prompt, beam_width, max_new_tokens, eos_id, length_penalty=1.0):
    seqs = prompt.unsqueeze(0)
    scores = torch.zeros(1, dtype=torch.float64)
    hyps = Hyps(length_penalty)
    for cur in range(1, max_new_tokens + 1):
        logp = next_log_probs(seqs)
        vocab = logp.shape[-1]
        flat = (scores.unsqueeze(1) + logp).reshape(-1)
        ranked_scores, ranked_idx = torch.sort(flat, descending=True, stable=True)
        beam_idx = ranked_idx // vocab
        tok_idx = ranked_idx % vocab
        new_seqs, new_scores = [], []
        for rank in range(flat.numel()):
            b, t = int(beam_idx[rank]), int(tok_idx[rank])
            if t == eos_id:
                if rank >= beam_width:
                    continue
                hyps.add(torch.cat([seqs[b], torch.tensor([t])]), ranked_scores[rank].item(), cur)
            else:
                new_seqs.append(torch.cat([seqs[b], torch.tensor([t])]))
                new_scores.append(ranked_scores[rank])
            if len(new_seqs) == beam_width:
                break
        if len(hyps.items) >= beam_width:
            return hyps.best()
        seqs, scores = torch.stack(new_seqs), torch.stack(new_scores)
    for i in range(seqs.shape[0]):
        hyps.add(seqs[i], scores[i].item(), max_new_tokens)
    return hyps.best()
