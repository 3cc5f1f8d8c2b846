# fail: applies merges in order with str.replace on a space-joined string (crosses symbol boundaries)
def bpe_encode(word, merges):
    s = " ".join(word)
    for a, b in merges:
        s = s.replace(a + " " + b, a + b)
    return s.split(" ")
