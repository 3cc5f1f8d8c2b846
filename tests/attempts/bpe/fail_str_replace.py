# fail: merges with str.replace on the space-joined word, which matches across symbol boundaries
from collections import Counter


def bpe_train(words, num_merges):
    vocab = Counter(" ".join(w) for w in words)
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for w, n in vocab.items():
            s = w.split()
            for a, b in zip(s, s[1:]):
                pairs[(a, b)] += n
        if not pairs:
            break
        best = sorted(pairs, key=lambda p: (-pairs[p], p))[0]
        merges.append(best)
        new = Counter()
        for w, n in vocab.items():
            new[w.replace(best[0] + " " + best[1], best[0] + best[1])] += n
        vocab = new
    return merges
