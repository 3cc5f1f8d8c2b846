"""Math in cards prints as readable Unicode; what cannot be converted stays exactly as written."""

import pytest
from helpers import REPO

from drill.quiz.math import MATH, render_math, to_unicode
from drill.quiz.notes import load_cards

SEEDS = REPO / "tests" / "fixtures" / "seeds"


@pytest.mark.parametrize("latex,text", [
    (r"x\,\Phi(x)", "x Φ(x)"),                                   # `\,` is a space, not a comma
    (r"\mathrm{FFN}(x) = W_2\,\phi(W_1 x + b_1) + b_2", "FFN(x) = W₂ ϕ(W₁ x + b₁) + b₂"),
    (r"\frac{QK^\top}{\sqrt{d_k}}", "(QKᵀ/√(dₖ))"),
    (r"h = \frac{8}{3}d", "h = (8/3)d"),                          # not the ambiguous 8/3d
    (r"\dfrac{1}{1+e^{-x}}", "(1/(1+e⁻ˣ))"),
    (r"\mathbb{R}^{d\times d}", "ℝ^(d×d)"),                       # no Unicode for the script: kept grouped
    (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
    (r"\operatorname{softmax}(QK^T)", "softmax(QKᵀ)"),
    (r"\text{CrossAttention}(Q_{dec})", "CrossAttention(Q_(dec))"),
    (r"1 - \binom{n-c}{k} / \binom{n}{k}", "1 - C(n-c, k) / C(n, k)"),
    (r"\left(1 - \frac{k}{i}\right)^2, j \ne i", "(1 - (k/i))², j ≠ i"),
    (r"\lambda \|w\|^2, x \in \mathbb{R}", "λ ‖w‖², x ∈ ℝ"),          # `\|` is a norm bar, not nothing
])
def test_spans_convert(latex, text):
    assert to_unicode(latex) == text


def test_an_unknown_macro_keeps_the_span_as_written():
    assert to_unicode(r"\mymacro{x} + y") is None
    assert render_math(r"see $\mymacro{x} + y$ here") == r"see $\mymacro{x} + y$ here"


def test_prices_code_and_escaped_dollars_are_not_math():
    text = r"costs $5 and $10; `$x_1$` in code; \$y\$; but $x_1$ is"
    assert render_math(text) == r"costs $5 and $10; `$x_1$` in code; \$y\$; but x₁ is"


def test_markdown_output_escapes_what_markdown_would_eat():
    assert render_math(r"$a * b * c$", markdown=True) == r"a \* b \* c"
    assert render_math("before\n\n$$\n\\frac{a+1}{b}\n$$\n\nafter", markdown=True).split() == ["before", "((a+1)/b)", "after"]


def test_every_span_of_our_cards_converts():
    cards = load_cards([REPO / "docs" / "notes"])
    texts = [text for card in cards for text in (card.question, card.answer, *card.key_points)]
    assert sum("$" in text for text in texts) > 50
    left = [span.group(0) for text in texts for span in MATH.finditer(render_math(text, markdown=True))]
    assert left == []     # no exceptions so far: every span of ours is LaTeX that pylatexenc knows


def test_every_span_of_the_seed_notes_converts():
    for path in sorted(SEEDS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert "$" in text
        left = [span.group(0) for span in MATH.finditer(render_math(text))]
        assert left == [], path.name
