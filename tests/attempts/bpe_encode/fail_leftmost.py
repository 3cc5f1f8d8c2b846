# fail: merges the leftmost pair that is in the merge list, ignoring rank
def bpe_encode(word, merges):
    known = set(merges)
    toks = list(word)
    changed = True
    while changed:
        changed = False
        for i in range(len(toks) - 1):
            if (toks[i], toks[i + 1]) in known:
                toks[i : i + 2] = [toks[i] + toks[i + 1]]
                changed = True
                break
    return toks
