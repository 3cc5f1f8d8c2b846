# pass: Sennrich-style space-joined vocabulary, merged with a boundary-anchored regex
import re
from collections import Counter, defaultdict


def bpe_train(words, num_merges):
    vocab = Counter(" ".join(w) for w in words)
    merges = []
    for _ in range(num_merges):
        stats = defaultdict(int)
        for word, freq in vocab.items():
            syms = word.split()
            for i in range(len(syms) - 1):
                stats[syms[i], syms[i + 1]] += freq
        if not stats:
            break
        best = sorted(stats.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        merges.append(best)
        pattern = re.compile(r"(?<!\S)" + re.escape(best[0] + " " + best[1]) + r"(?!\S)")
        vocab = Counter({pattern.sub(best[0] + best[1], w): f for w, f in vocab.items()})
    return merges
