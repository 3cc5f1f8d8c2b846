"""The notes parser: one card per question admonition, whatever the Markdown around it."""

from pathlib import Path

import pytest
from helpers import REPO

from drill.errors import NotesError
from drill.quiz.match import covered
from drill.quiz.notes import load_cards, load_notes, parse_text, stable_id

SEEDS = REPO / "tests" / "fixtures" / "seeds"   # a copy of the user's Chinese notes (shared/seeds)


def test_basic_card_with_topic_answer_and_key_points():
    text = '# Norms\n\n## RMSNorm\n\n!!! question "Why RMSNorm?"\n    Cheaper: no mean.\n\n    **Key points**\n\n    - no mean subtraction\n    - fewer ops\n'
    (card,) = parse_text(text, "n.md")
    assert card.question == "Why RMSNorm?"
    assert card.topic == "RMSNorm"
    assert card.answer.startswith("Cheaper: no mean.")
    assert card.key_points == ["no mean subtraction", "fewer ops"]
    assert card.line == 5


@pytest.mark.parametrize("marker", ["!!!", "???", "???+"])
@pytest.mark.parametrize("kind", ["question", "help", "faq"])
def test_every_marker_and_card_type(marker, kind):
    (card,) = parse_text(f'{marker} {kind} "Q?"\n    A.\n', "n.md")
    assert card.question == "Q?" and card.answer == "A."


def test_other_admonitions_are_not_cards():
    assert parse_text('!!! note "Not a card"\n    text\n!!! warning\n    text\n', "n.md") == []


def test_code_blocks_inside_answers_and_fake_admonitions_in_code():
    text = ('!!! question "Q1?"\n    Look:\n\n    ```python\n    x = 1\n\n    !!! question "inside code"\n    ```\n\n'
            '    After the code.\n\n```md\n!!! question "also inside code"\n```\n')
    (card,) = parse_text(text, "n.md")
    assert "x = 1" in card.answer and "After the code." in card.answer


def test_blank_lines_inside_an_answer_keep_the_body_together():
    (card,) = parse_text('!!! question "Q?"\n    one\n\n\n    two\nnot in the answer\n', "n.md")
    assert card.answer == "one\n\n\ntwo"


def test_crlf_and_tabs():
    (card,) = parse_text('# T\r\n\r\n!!! question "Q?"\r\n\tanswer with a tab\r\n', "n.md")
    assert card.answer == "answer with a tab" and card.topic == "T"


def test_chinese_text():
    (card,) = parse_text('## 位置编码\n\n!!! question "为什么需要位置编码？"\n    自注意力对顺序不敏感。\n', "n.md")
    assert card.question == "为什么需要位置编码？" and card.topic == "位置编码"
    assert covered("顺序不敏感", "因为注意力对顺序不敏感")


def test_nested_admonitions():
    text = ('!!! note "Container"\n    !!! question "Inner?"\n        inner answer\n\n'
            '!!! question "Outer?"\n    outer answer\n\n    !!! tip\n        a tip inside the answer\n')
    cards = parse_text(text, "n.md")
    assert [c.question for c in cards] == ["Inner?", "Outer?"]
    assert cards[0].answer == "inner answer"
    assert "a tip inside the answer" in cards[1].answer


def test_untitled_question_gets_the_type_as_title():
    (card,) = parse_text("!!! question\n    body\n", "n.md")
    assert card.question == "Question"


def test_ids_are_stable_across_answer_edits_and_explicit_ids_win():
    (a,) = parse_text('!!! question "Q?"\n    first answer\n', "n.md")
    (b,) = parse_text('!!! question "Q?"\n    a rewritten, better answer\n', "n.md")
    assert a.id == b.id == stable_id("n.md", "Q?")
    (c,) = parse_text('!!! question "Q, reworded?"\n    <!-- drill-id: my-card -->\n    answer\n', "n.md")
    assert c.id == "my-card" and "drill-id" not in c.answer


def test_a_folder_without_cards_is_a_clear_error(tmp_path):
    (tmp_path / "empty.md").write_text("# Nothing here\n")
    with pytest.raises(NotesError) as raised:
        load_cards([tmp_path])
    assert "No question cards" in raised.value.message and str(tmp_path) in raised.value.message


def test_missing_notes_path(tmp_path):
    with pytest.raises(NotesError) as raised:
        load_cards([tmp_path / "missing"])
    assert "does not exist" in raised.value.message


def test_invalid_utf8_names_file_and_line(tmp_path):
    (tmp_path / "bad.md").write_bytes(b'# ok\n\n!!! question "Q?"\n    caf\xe9\n')
    with pytest.raises(NotesError) as raised:
        load_cards([tmp_path])
    assert "bad.md:4" in raised.value.message


def test_someone_elses_mkdocs_folder_gives_one_card_per_question_admonition(tmp_path):
    import re

    folder = SEEDS
    expected = []
    for path in sorted(folder.rglob("*.md")):
        in_code = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("```"):
                in_code = not in_code
            match = re.match(r'^\s*(?:!!!|\?\?\?\+?)\s+(?:question|help|faq)\b\s*(?:"(.*)")?', line)
            if match and not in_code:
                expected.append(match.group(1))
    cards = load_cards([folder])
    assert [c.question for c in cards] == expected


def test_our_own_notes_parse_with_key_points():
    cards = load_cards([REPO / "docs" / "notes"])
    assert len(cards) >= 60
    assert all(len(c.key_points) >= 3 for c in cards), [c.question for c in cards if len(c.key_points) < 3]
    assert len({c.question for c in cards}) == len(cards)


def test_key_point_coverage():
    assert covered("cache keys and values of past tokens", "we cache the keys and values")
    assert not covered("cache keys and values of past tokens", "something unrelated entirely")
    assert not covered("anything", "")


def test_the_same_question_twice_stays_two_cards(tmp_path):
    (tmp_path / "a.md").write_text('!!! question "Q?"\n    one\n\n!!! question "Q?"\n    two\n')
    cards = load_cards([tmp_path])
    assert [c.answer for c in cards] == ["one", "two"]
    assert len({c.id for c in cards}) == 2


def test_key_point_headers_in_english_and_chinese():
    for header in ("**Key points**", "key points:", "**Key Points:**", "**要点**", "要点：", "**关键点**：", "关键点"):
        (card,) = parse_text(f'!!! question "Q?"\n    Answer.\n\n    {header}\n\n    - one\n    - two\n', "n.md")
        assert card.key_points == ["one", "two"], header


def test_bullets_without_a_header_are_not_key_points():
    (card,) = parse_text('!!! question "Q?"\n    Answer:\n\n    - a long sentence\n    - another one\n', "n.md")
    assert card.key_points == []


def test_the_chinese_edition_folder_is_not_loaded_with_the_english_notes(tmp_path):
    (tmp_path / "a.md").write_text('!!! question "Why?"\n    Because of a long enough reason here, truly.\n')
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "a.md").write_text('!!! question "为什么？"\n    <!-- drill-id: x -->\n    因为。\n')
    assert [c.question for c in load_cards([tmp_path])] == ["Why?"]
    assert [c.question for c in load_cards([tmp_path / "zh"])] == ["为什么？"]


def test_long_runs_of_spaces_parse_in_linear_time():
    # quadratic patterns would take minutes on these lines; the test would hang, not pass
    spaces = " " * 200_000
    text = f"# Title{spaces}x\n\n!!! question{spaces}\"Q?\"{spaces}\n    answer\n#{spaces}\n!!!{spaces}a{spaces}b{spaces}-\n"
    (card,) = parse_text(text, "n.md")
    assert card.topic == f"Title{spaces}x" and card.question == "Q?"


def test_a_fifo_or_a_device_is_a_clear_error_not_a_hang(tmp_path):
    import os

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(NotesError) as raised:
            load_cards([path])
        assert "not a regular file" in raised.value.message and str(path) in raised.value.message
    (tmp_path / "notes").mkdir()
    os.mkfifo(tmp_path / "notes" / "pipe.md")
    with pytest.raises(NotesError) as raised:
        load_cards([tmp_path / "notes"])
    assert "pipe.md" in raised.value.message


def test_a_huge_file_is_refused(tmp_path, monkeypatch):
    from drill.quiz import notes

    monkeypatch.setattr(notes, "MAX_NOTES_BYTES", 1000)
    (tmp_path / "big.md").write_text('!!! question "Q?"\n' + "    x\n" * 1000)
    with pytest.raises(NotesError) as raised:
        load_cards([tmp_path / "big.md"])
    assert "big.md" in raised.value.message and "too large" in raised.value.message


def test_other_admonitions_are_counted_and_included_on_request():
    notes = load_notes([SEEDS])
    assert notes.skipped == {"note": 6, "example": 1}
    included = load_notes([SEEDS], include=frozenset({"note"}))
    notes_as_cards = [c for c in included.cards if c.kind == "note"]
    assert [c.question for c in notes_as_cards][:3] == ["为什么现在大多是 decoder-only 结构？", "MMoE", "BF16、FP16、FP32对比"]
    assert all(c.answer for c in notes_as_cards)
    assert included.skipped == {"example": 1}


def test_thin_cards_are_set_apart():
    notes = load_notes([SEEDS])
    thin = {c.question: c.line for c in notes.thin}
    # the last three have their answer unindented below the admonition, so the card itself is empty
    assert thin == {"LoRA是什么作用": 26, "RAG的作用，SFT的作用": 28, "问题1：为什么一定要用交叉注意力？它的作用是什么？": 901,
                    "Transformer 中，这三个矩阵为什么不能被取代？": 934, "Decoder Only 架构模型优化重点的转移": 957}
    assert not any(c.thin for c in notes.schedulable)


def test_an_admonition_inside_an_answer_is_not_counted_as_skipped():
    from drill.quiz.notes import parse_notes

    text = '!!! question "Q?"\n    answer\n\n    !!! tip\n        inside\n\n!!! warning\n    outside\n'
    cards, skipped = parse_notes(text, "n.md")
    assert len(cards) == 1 and skipped == {"warning": 1}
