# pass: keeps every occurrence as its own list of symbols (no Counter of words), sorts candidate pairs
def bpe_train(words, num_merges):
    seqs = [list(w) for w in words]
    merges = []
    while len(merges) < num_merges:
        counts = {}
        for s in seqs:
            for a, b in zip(s, s[1:]):
                counts[(a, b)] = counts.get((a, b), 0) + 1
        if not counts:
            break
        top = max(counts.values())
        best = sorted(p for p, c in counts.items() if c == top)[0]
        merges.append(best)
        for k, s in enumerate(seqs):
            out = []
            i = 0
            while i < len(s):
                if i < len(s) - 1 and s[i] == best[0] and s[i + 1] == best[1]:
                    out.append(best[0] + best[1])
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[k] = out
    return merges
