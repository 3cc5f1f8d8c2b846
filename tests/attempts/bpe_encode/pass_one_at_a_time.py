# pass: merges one occurrence at a time (leftmost occurrence of the lowest-rank pair), re-ranking each step
def bpe_encode(word, merges):
    rank = {m: r for r, m in enumerate(merges)}
    toks = list(word)
    while True:
        best_i, best_r = None, None
        for i in range(len(toks) - 1):
            r = rank.get((toks[i], toks[i + 1]))
            if r is not None and (best_r is None or r < best_r):
                best_i, best_r = i, r
        if best_i is None:
            return toks
        toks[best_i : best_i + 2] = [toks[best_i] + toks[best_i + 1]]
