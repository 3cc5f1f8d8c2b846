"""The notes parser never raises anything but NotesError, whatever Markdown it is given."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.errors import NotesError
from drill.quiz.notes import load_cards, parse_text

PIECES = ['!!! question "Q?"', "??? question", "???+ faq \"F?\"", "!!! note", "    ", "\t", "```", "~~~", "# H",
          "## 标题", "- bullet", "**Key points**", "<!-- drill-id: x -->", "\r\n", "\n", "text", '"', "    - p"]

markdown = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(markdown)
def test_parse_text_is_total(text):
    for card in parse_text(text, "n.md"):
        assert card.question and card.id


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_load_cards_raises_only_notes_error(tmp_path, data):
    (tmp_path / "n.md").write_bytes(data)
    try:
        load_cards([tmp_path])
    except NotesError as error:
        assert "n.md" in error.message or str(tmp_path) in error.message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=80))
def test_key_point_matching_is_total(point, answer):
    from drill.quiz.match import covered

    assert covered(point, answer) in (True, False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="$\\_^{}ab12 ,frac", max_size=30))
def test_math_conversion_is_total_and_keeps_text_without_dollars(text):
    from drill.quiz.math import render_math

    out = render_math(text)
    assert isinstance(out, str)
    if "$" not in text:
        assert out == text
