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
