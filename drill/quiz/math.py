"""`$…$` and `$$…$$` in card text -> readable Unicode for the terminal: `$x\\,\\Phi(x)$` -> `x Φ(x)`,
`$W_2$` -> `W₂`, `$\\frac{QK^\\top}{\\sqrt{d_k}}$` -> `(QKᵀ/√(dₖ))`.

pylatexenc's latex-to-text does the macros (measured against flatlatex on our 91 cards and the seed
notes: it leaves no macro raw where flatlatex left 97 of 558 spans); this module adds Unicode sub- and
superscripts, keeps fractions unambiguous, and keeps as source any span with a macro it does not
know, so nothing is silently dropped. Code spans and fenced code are left alone.
"""

import re
from functools import lru_cache

MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$\w])\$(?P<inline>[^$\s](?:[^$\n]*[^$\s\\])?)\$(?![\w$])", re.S)
CODE = re.compile(r"(`+)(?:.+?)\1|^[ ]*(```|~~~).*?^[ ]*\2", re.S | re.M)
MACRO = re.compile(r"\\([A-Za-z]+)")
SCRIPT = re.compile(r"(?P<mark>[_^])(?:\{(?P<group>[^{}]*)\}|(?P<single>\\[A-Za-z]+|[A-Za-z0-9*']))")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|])")

SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
SUPER = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW*'",
                 "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ*′"))
SCRIPT_MACROS = {"top": "T", "intercal": "T", "prime": "'", "ast": "*", "star": "*"}
EXTRA_MACROS = {"operatorname": "%(1)s", "left": "", "right": "", "ne": "≠", "|": "‖", "big": "", "Big": "", "bigg": "", "Bigg": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": ""}


def render_math(text: str, markdown: bool = False) -> str:
    """Every math span of `text` as Unicode (Markdown-escaped when `markdown`); code and what cannot
    be converted stay as written."""
    if "$" not in text:
        return text
    out, last = [], 0
    for code in CODE.finditer(text):
        out.append(_spans(text[last:code.start()], markdown))
        out.append(code.group(0))
        last = code.end()
    out.append(_spans(text[last:], markdown))
    return "".join(out)


def _spans(text: str, markdown: bool) -> str:
    def one(match):
        display = match.group("display") is not None
        converted = to_unicode((match.group("display") if display else match.group("inline")).strip())
        if converted is None:
            return match.group(0)
        if markdown:
            converted = MARKDOWN_SPECIALS.sub(r"\\\1", converted)
            if display:
                return "\n\n" + "  \n".join(line.strip() for line in converted.splitlines() if line.strip()) + "\n\n"
        return converted

    return MATH.sub(one, text)


@lru_cache(maxsize=2048)
def to_unicode(latex: str) -> str | None:
    """One span without its dollars as Unicode; None when it has a macro we do not know."""
    names = set(MACRO.findall(latex))
    if any(_spec(name) is None and name not in EXTRA_MACROS for name in names):
        return None
    try:
        text = _to_text(_scripts(_keep_spaces(latex)))
    except Exception:  # pylatexenc gives up on broken LaTeX: show it as written
        return None
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text or None


def _keep_spaces(latex: str) -> str:
    """LaTeX eats the space after a macro name (`j \\ne i` -> `j ≠i`); an empty group keeps it when
    the macro stands between spaces and takes no argument (`d\\times d` stays `d×d`)."""
    def one(match):
        spec = _parsing().get_macro_spec(match.group(1))
        takes_arguments = spec is not None and getattr(spec.args_parser, "argspec", "")
        return match.group(0) if takes_arguments else f"\\{match.group(1)}{{}}{match.group(2)}"

    return re.sub(r"(?:(?<=\s)|^)\\([A-Za-z]+)([ ]+)(?=[\w\\])", one, latex)


def _scripts(latex: str) -> str:
    """`_2` -> `₂`, `^{\\top}` -> `ᵀ`; a script Unicode lacks stays `_(dec)`, `^(d×d)` (innermost first)."""
    def one(match):
        table = SUB if match.group("mark") == "_" else SUPER
        body = match.group("group") if match.group("group") is not None else match.group("single")
        plain = SCRIPT_MACROS.get(body.strip()[1:], None) if body.strip().startswith("\\") else None
        plain = plain if plain is not None else body.replace(" ", "")
        if plain and all(ch in table for ch in plain):
            return "".join(table[ch] for ch in plain)
        if len(plain) == 1 or (match.group("group") is None):
            return match.group("mark") + body
        return f"{match.group('mark')}({body})"

    latex = re.sub(r"(\\[A-Za-z]+)(?=[_^])", r"\1{}", latex)   # `\sumᵢ` would read as one macro name
    previous = None
    while previous != latex:
        previous, latex = latex, SCRIPT.sub(one, latex)
        if previous != latex and "{" not in latex:
            break
    return latex


def _spec(name: str):
    return _database().get_macro_spec(name)


@lru_cache(maxsize=1)
def _database():
    from pylatexenc.latex2text import MacroTextSpec, get_default_latex_context_db

    database = get_default_latex_context_db()
    database.add_context_category(
        "drill", prepend=True,
        macros=[MacroTextSpec(name, simplify_repl=text) for name, text in EXTRA_MACROS.items()]
        + [MacroTextSpec(name, simplify_repl=_fraction) for name in ("frac", "dfrac", "tfrac")]
        + [MacroTextSpec("binom", simplify_repl=_binomial)])
    return database


def _fraction(node, l2tobj):
    numerator, denominator = (l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[-2:])
    return f"({_operand(numerator)}/{_operand(denominator)})"


def _binomial(node, l2tobj):
    n, k = (l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[-2:])
    return f"C({n}, {k})"


def _operand(part: str) -> str:
    """A fraction's part in parentheses when it has an operator or a space: (x + 1)/2, but QKᵀ/√(dₖ)."""
    return f"({part})" if re.search(r"[\s+\-/=]", part) else part


def _to_text(latex: str) -> str:
    from pylatexenc.latexwalker import LatexWalker

    nodes, _, _ = LatexWalker(latex, latex_context=_parsing()).get_latex_nodes()
    return _converter().nodelist_to_text(nodes)


@lru_cache(maxsize=1)
def _parsing():
    """The parser's macros: ours take the arguments LaTeX gives them."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    database = get_default_latex_context_db()
    database.add_context_category("drill", prepend=True, macros=[
        MacroSpec("operatorname", "{"), MacroSpec("dfrac", "{{"), MacroSpec("tfrac", "{{"), MacroSpec("binom", "{{")])
    return database


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(latex_context=_database(), math_mode="text")
