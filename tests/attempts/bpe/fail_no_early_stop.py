# fail: does not stop when no pair is left (max of an empty Counter raises)
from collections import Counter


def bpe_train(words, num_merges):
    corpus = Counter(tuple(w) for w in words)
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for syms, n in corpus.items():
            for p in zip(syms, syms[1:]):
                pairs[p] += n
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        new = Counter()
        for syms, n in corpus.items():
            out, i = [], 0
            while i < len(syms):
                if i + 1 < len(syms) and (syms[i], syms[i + 1]) == best:
                    out.append(syms[i] + syms[i + 1])
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            new[tuple(out)] += n
        corpus = new
    return merges
