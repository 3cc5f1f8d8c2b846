# fail: every EOS met in the walk finishes, whatever its rank
import torch


def beam_search(next_log_probs, prompt, beam_width, max_new_tokens, eos_id, length_penalty=1.0):
    live = [(0.0, prompt.tolist())]
    done = []
    for step in range(max_new_tokens):
        exts = []
        for b, (total, seq) in enumerate(live):
            lp = next_log_probs(torch.tensor([seq], dtype=torch.long))[0].tolist()
            V = len(lp)
            for v, x in enumerate(lp):
                exts.append((total + x, b * V + v, seq, v))
        exts.sort(key=lambda e: (-e[0], e[1]))
        nxt = []
        for rank, (s, _, seq, v) in enumerate(exts):
            if v == eos_id:
                if True:
                    done.append((s / (step + 1) ** length_penalty, seq + [v]))
                continue
            nxt.append((s, seq + [v]))
            if len(nxt) == beam_width:
                break
        if len(done) >= beam_width:
            break
        live = nxt
    else:
        done += [(s / max_new_tokens ** length_penalty, seq) for s, seq in live]
    best = max(range(len(done)), key=lambda i: (done[i][0], -i))
    return torch.tensor(done[best][1], dtype=torch.long), done[best][0]
