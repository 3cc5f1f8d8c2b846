# pass: walks the merge list once in rank order, applying each merge everywhere it occurs
def bpe_encode(word, merges):
    tokens = list(word)
    for left, right in merges:
        if len(tokens) < 2:
            break
        out = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens) and tokens[i] == left and tokens[i + 1] == right:
                out.append(left + right)
                i += 2
            else:
                out.append(tokens[i])
                i += 1
        tokens = out
    return tokens
