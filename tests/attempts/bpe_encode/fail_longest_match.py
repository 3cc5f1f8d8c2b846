# fail: WordPiece-style greedy longest match against the merged vocabulary instead of applying merges
def bpe_encode(word, merges):
    vocab = {a + b for a, b in merges} | set(word)
    out, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if word[i:j] in vocab:
                out.append(word[i:j])
                i = j
                break
    return out
