"""Does a typed answer cover a key point? Matched on words, not characters: English words by a
fuzzy match (typos, inflections), Chinese segmented with rjieba (jieba-rs, imported only when the
text has Chinese), stop words dropped, and negation compared so that "不减去均值" is not covered by
"我不减这个值" nor by "需要减去均值".

Pure: no terminal, no database.
"""

import re
from functools import lru_cache

ALTERNATIVES = re.compile(r"(?<![ \t])[ \t]+[/|｜][ \t]+")   # from a run's start only: linear time
CLAUSE = re.compile(r"[,.;:!?，。；：！？、\n]+")
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u9fff]+")
CJK = re.compile(r"[\u3400-\u9fff]")
FUZZY_SCORE = 84          # rapidfuzz ratio from which two English words are one (typo, inflection)

STOP_EN = frozenset(
    "the a an and or of to in on for with by is are be as at it its this that these those from into than vs per "
    "via each both only more less so then there their them they we you your our has have had do does was were "
    "which what when how why can could would should will just also very some any one all use used using".split())
STOP_ZH = frozenset(
    "的 了 是 在 和 与 及 或 就 都 也 而 把 被 让 给 对 从 向 于 以 之 其 这 那 这个 那个 这些 那些 一个 我 你 他 它 "
    "我们 你们 他们 它们 会 要 能 可以 可能 因为 所以 然后 如果 就是 还是 还有 通过 进行 使用 用 来 去 上 中 下 "
    "里 等 个 啊 吧 呢 吗 嗯 只 比较 非常 很 更 最 一些 一下 什么 怎么 为什么 时候".split())
NEGATIONS = frozenset(
    "不 没 没有 无 未 非 别 勿 不是 不要 不用 不会 不能 无需 无须 不需要 无法 not no never without none cannot "
    "can't don't doesn't isn't aren't won't".split())
# words that start like a negation but are not one
NOT_NEGATED = frozenset("不同 不断 不仅 不过 不少 不管 不错 无论 非常 没错 未来 别的 无穷".split())
NEGATION_PREFIXES = ("不", "没", "无", "未")
SYNONYMS = [{"silu", "swish"}, {"mean", "average", "均值", "平均"}, {"variance", "方差"}, {"gate", "gating", "门控"},
            {"cache", "缓存"}, {"attention", "注意力"}, {"input", "输入"}, {"order", "顺序"}, {"memory", "显存", "内存"}, {"key", "keys", "键"}, {"value", "values", "值"}]
_SYNONYM = {word: frozenset(group) for group in SYNONYMS for word in group}


def covered(point: str, answer: str) -> bool:
    """At least half of the point's content words said, none of them with the opposite polarity;
    `a / b` or `a | b` in a point are alternatives, any one of which covers it."""
    if not answer.strip():
        return False
    clauses = [_clause(text) for text in CLAUSE.split(answer.lower()) if text.strip()]
    return any(_covers(alternative.lower(), clauses) for alternative in ALTERNATIVES.split(point))


def _covers(point: str, clauses: list) -> bool:
    polarity: dict[str, set[bool]] = {}             # term -> {negated in the point?}
    for plain, negated, _ in (_clause(text) for text in CLAUSE.split(point) if text.strip()):
        for term in plain:
            polarity.setdefault(term, set()).add(False)
        for term in negated:
            polarity.setdefault(term, set()).add(True)
    if not polarity:
        return False
    hit = 0
    for term, wanted in polarity.items():
        said = [(plain, negated, clause_negated) for plain, negated, clause_negated in clauses
                if _said(term, plain) or _said(term, negated)]
        if any(_agrees(term, neg, clause) for neg in wanted for clause in said):
            hit += 1
        elif wanted == {True}:
            return False       # what the point denies must be denied: "需要减去均值" is not "不减去均值"
    # one or two words: all of them ("不减去均值" is not covered by "均值" alone); more: half
    return hit == len(polarity) if len(polarity) <= 2 else hit * 2 >= len(polarity)


def _agrees(term: str, negated_in_point: bool, clause: tuple) -> bool:
    """A negated term agrees with a negated word, or with any word of a clause that has a negation
    ("not queries" / "queries are not cached"); a plain term needs the word not negated."""
    plain, negated, clause_negated = clause
    if negated_in_point:
        return _said(term, negated) or (clause_negated and _said(term, plain))
    return _said(term, plain)


def _said(term: str, words: frozenset) -> bool:
    if term in words or (_SYNONYM.get(term, frozenset()) & words):
        return True
    if CJK.search(term):   # inside a longer word (键 in 键和值); too short to match fuzzily
        return any(term in word for word in words if CJK.search(word))
    if any(_same_stem(term, word) for word in words):
        return True
    if len(term) < 5:
        return False
    from rapidfuzz import fuzz, process

    return process.extractOne(term, [w for w in words if not CJK.search(w)], scorer=fuzz.ratio,
                              score_cutoff=FUZZY_SCORE) is not None


def _same_stem(a: str, b: str) -> bool:
    """saturates / saturated, scale / scaling: a common start of 4+ letters, at most 2 letters short of the shorter."""
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    common = 0
    while common < shortest and a[common] == b[common]:
        common += 1
    return common >= 4 and common >= shortest - 2


@lru_cache(maxsize=4096)
def _clause(text: str) -> tuple:
    """(plain content words, negated content words, has a negation?) of one clause. A negation
    applies to the next content word: 不减去均值 -> 减去 negated, 均值 plain."""
    plain: set[str] = set()
    negated: set[str] = set()
    pending = any_negation = False
    for token in _tokens(text):
        if token in NEGATIONS:
            pending = any_negation = True
            continue
        if token.startswith(NEGATION_PREFIXES) and len(token) > 1 and token not in NOT_NEGATED:
            pending = any_negation = True    # rjieba keeps 不减 or 不敏感 as one word: the negation and the word
            token = token[1:]
        if token in STOP_EN or token in STOP_ZH:
            continue
        if len(token) < 2 and not token.isdigit() and not CJK.match(token):
            continue
        (negated if pending else plain).add(token)
        pending = False
    return frozenset(plain), frozenset(negated), any_negation


def _tokens(text: str) -> list:
    tokens = []
    for piece in TOKEN.findall(text):
        if CJK.match(piece):
            tokens += [w for w in _segment(piece) if w.strip()]
        else:
            tokens.append(piece)
    return tokens


def _segment(text: str) -> list:
    import rjieba

    return rjieba.cut(text)


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))
