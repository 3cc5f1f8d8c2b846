# fail: most_common(1) breaks ties by first occurrence, not by the smallest pair
from collections import Counter


def bpe_train(words, num_merges):
    corpus = [list(w) for w in words]
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for s in corpus:
            counts.update(zip(s, s[1:]))
        if not counts:
            break
        best = counts.most_common(1)[0][0]
        merges.append(best)
        new = []
        for s in corpus:
            out, i = [], 0
            while i < len(s):
                if tuple(s[i:i + 2]) == best:
                    out.append(s[i] + s[i + 1])
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            new.append(out)
        corpus = new
    return merges
