"""The shipped concept notes themselves: every file parses, every card has key points, every card
with an explicit id has one English and one Chinese twin, the seed topics each have a card, and
the MkDocs site builds with --strict."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drill.quiz.notes import EXPLICIT_ID, parse_file

REPO = Path(__file__).resolve().parent.parent
NOTES = REPO / "docs" / "notes"
ZH = NOTES / "zh"

# The topics of the user's Chinese seed notes that had no card before issue 16, each with the
# card that answers it.
SEED_TOPICS = [
    ("distributed training: ZeRO stages", "zero-stages"),
    ("tensor parallel column/row split", "tensor-parallel"),
    ("pipeline bubble and 1F1B", "pipeline-bubble"),
    ("training memory estimate", "training-memory"),
    ("BERT specifics: MLM and NSP", "bert-mlm-nsp"),
    ("BERT specifics: the [CLS] token", "bert-cls"),
    ("typical model configurations", "model-configs"),
    ("embedding scaling and weight tying", "weight-tying"),
    ("comparison of open model families", "open-model-families"),
    ("GLM blank infilling", "glm-blank-infilling"),
    ("prefix LM", "prefix-lm"),
    ("Falcon parallel attention+MLP block", "parallel-block"),
    ("vanishing gradients", "vanishing-gradients"),
    ("SFT data construction", "sft-data"),
]


def english_files():
    return sorted(p for p in NOTES.glob("*.md"))


def chinese_files():
    return sorted(ZH.glob("*.md"))


def explicit_ids(path):
    text = path.read_text(encoding="utf-8")
    return [m.group("id") for line in text.splitlines() if (m := EXPLICIT_ID.match(line))]


@pytest.mark.parametrize("path", english_files() + chinese_files(), ids=lambda p: str(p.relative_to(NOTES)))
def test_every_file_parses_and_every_card_has_key_points(path):
    cards, _ = parse_file(path, NOTES)
    assert cards, f"{path} has no question cards"
    for card in cards:
        assert card.answer.strip(), f"{path}:{card.line} {card.question!r} has no answer"
        assert len(card.key_points) >= 3, f"{path}:{card.line} {card.question!r} has {len(card.key_points)} key points"


def test_key_point_header_matches_the_language():
    """English cards end with **Key points**, Chinese ones with **要点**: a card pasted into the
    wrong tree shows up here."""
    for path in english_files():
        assert "**要点**" not in path.read_text(encoding="utf-8"), path
    for path in chinese_files():
        text = path.read_text(encoding="utf-8")
        assert "**Key points**" not in text, path


def test_each_explicit_id_is_once_in_english_and_once_in_chinese():
    english = [i for p in english_files() for i in explicit_ids(p)]
    chinese = [i for p in chinese_files() for i in explicit_ids(p)]
    assert english, "no explicit ids found: the EXPLICIT_ID pattern and the notes disagree"
    twice = {i for i in english if english.count(i) > 1}
    assert not twice, f"explicit ids used twice in docs/notes: {sorted(twice)}"
    for card_id in english:
        assert chinese.count(card_id) == 1, f"{card_id}: {chinese.count(card_id)} Chinese cards (want 1)"


def test_a_card_and_its_chinese_twin_live_in_files_of_the_same_name():
    for path in english_files():
        ids = explicit_ids(path)
        if ids:
            twin = ZH / path.name
            assert twin.exists(), f"{path.name} has explicit ids but no docs/notes/zh/{path.name}"
            assert explicit_ids(twin) == ids, f"zh/{path.name} does not list the same ids in the same order"


def test_no_title_nests_ascii_double_quotes():
    """`!!! question "什么是"X"？"` parses here but is fragile for other admonition readers: use “ ”."""
    for path in english_files() + chinese_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r'^\s*(!!!|\?\?\?\+?)\s+\w+\s+"(.*)"\s*$', line)
            if match:
                assert '"' not in match.group(2), f"{path}:{number}: double quote inside the title"


def test_explicit_ids_are_the_first_line_of_the_answer():
    """An id line buried lower would still parse, but would show up in the mkdocs page text."""
    files = [p for p in english_files() if explicit_ids(p)]
    for path in files + [ZH / p.name for p in files]:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if EXPLICIT_ID.match(line):
                assert re.match(r"^(!!!|\?\?\?)", lines[number - 1]), f"{path}:{number + 1}: id not right under the title"


@pytest.mark.parametrize("topic,card_id", SEED_TOPICS)
def test_each_seed_topic_has_a_card_in_both_languages(topic, card_id):
    english = {c.id for p in english_files() for c in parse_file(p, NOTES)[0]}
    chinese = {c.id for p in chinese_files() for c in parse_file(p, ZH)[0]}
    assert card_id in english, f"seed topic {topic!r}: no English card {card_id}"
    assert card_id in chinese, f"seed topic {topic!r}: no Chinese card {card_id}"


def glossary_rows():
    rows = []
    for line in (REPO / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1]))
    return rows


def test_every_glossary_term_is_used_by_the_cards_in_its_language():
    """The glossary lists the terms the cards use: a term no card says (or a Chinese rendering the
    Chinese cards do not use) is a glossary that drifted from the notes."""
    english = "\n".join(p.read_text(encoding="utf-8") for p in english_files()).lower()
    chinese = "\n".join(p.read_text(encoding="utf-8") for p in chinese_files()).lower()
    rows = glossary_rows()
    assert len(rows) >= 80
    for en, zh in rows:
        for term in en.split(" / "):
            term = re.sub(r"\s*\(.*\)", "", term).strip().lower()
            assert term in english, f"glossary: {term!r} appears in no English card"
        for term in zh.split(" / "):
            assert term.strip().lower() in chinese, f"glossary: {term!r} appears in no Chinese card"


def test_mkdocs_site_builds_strict(tmp_path):
    pytest.importorskip("material", reason="mkdocs-material is in the [test] extra; pip install -e '.[test]'")
    mkdocs = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
    result = subprocess.run([mkdocs, "build", "--strict", "-q", "-d", str(tmp_path / "site")], cwd=REPO,
                            capture_output=True, text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1",
                                                                             "PATH": str(Path(sys.executable).parent)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "notes" / "zh" / "distributed" / "index.html").exists()
    assert (tmp_path / "site" / "glossary" / "index.html").exists()
