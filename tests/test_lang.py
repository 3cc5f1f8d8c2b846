"""The language setting through the real binary, and the Chinese edition's completeness.

`--lang`, then DRILL_LANG, then the preference `drill lang` saves, then English."""

import os
import sys

import pexpect
from helpers import DRILL, REPO, run_drill

ROPE_ZH = "旋转位置编码"
SOFTMAX_ZH_PROMPT = "必须**数值稳定**"


def test_show_rope_in_chinese_and_english_by_default():
    zh = run_drill("show", "rope", "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    assert ROPE_ZH in zh.stdout and "相邻配对" in zh.stdout
    assert "def apply_rope(x: torch.Tensor" in zh.stdout          # code is never translated
    en = run_drill("show", "rope")
    assert en.returncode == 0 and ROPE_ZH not in en.stdout and "interleaved pairs" in en.stdout


def test_list_follows_drill_lang_and_the_option_wins():
    listed = run_drill("list", "--json", env={"DRILL_LANG": "zh"})
    titles = {row["id"]: row["title"] for row in __import__("json").loads(listed.stdout)}
    assert ROPE_ZH in titles["rope"] and titles["softmax"] == "数值稳定的 softmax"
    table = run_drill("list", env={"DRILL_LANG": "zh"})
    assert "数值稳定的 softmax" in table.stdout
    english = run_drill("list", "--lang", "en", env={"DRILL_LANG": "zh"})
    assert "数值稳定的 softmax" not in english.stdout and "Numerically stable softmax" in english.stdout


def test_drill_lang_saves_the_preference_in_drill_home(drill_home):
    assert run_drill("lang").stdout.startswith("en")
    saved = run_drill("lang", "zh")
    assert saved.returncode == 0, saved.stderr
    assert '"lang": "zh"' in (drill_home / "settings.json").read_text(encoding="utf-8")
    assert run_drill("lang").stdout.startswith("zh (saved")
    assert ROPE_ZH in run_drill("show", "rope").stdout                      # the saved preference
    assert ROPE_ZH not in run_drill("show", "rope", env={"DRILL_LANG": "en"}).stdout


def test_unknown_language_is_a_clear_usage_error(drill_home):
    for args, where in ((("lang", "fr"), "drill lang"), (("show", "rope", "--lang", "fr"), "--lang")):
        result = run_drill(*args)
        assert result.returncode == 2 and where in result.stderr and "en, zh" in result.stderr
        assert "Traceback" not in result.stderr
    result = run_drill("list", env={"DRILL_LANG": "de"})
    assert result.returncode == 2 and "DRILL_LANG" in result.stderr
    assert not (drill_home / "settings.json").exists()


SNAPSHOT_EDITOR = """
import shutil, sys
shutil.copy(sys.argv[-1], sys.argv[-1] + ".scaffold")
open(sys.argv[-1], "w").write(
    "import torch\\n\\ndef softmax(x, dim=-1):\\n"
    "    e = (x - x.amax(dim=dim, keepdim=True)).exp()\\n    return e / e.sum(dim=dim, keepdim=True)\\n")
"""


def test_start_in_chinese_writes_the_chinese_prompt_into_the_scaffold(drill_home, tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text(SNAPSHOT_EDITOR)
    env = {k: v for k, v in os.environ.items() if k != "VISUAL"}
    env.update(EDITOR=f"{sys.executable} {editor}", NO_COLOR="1", TERM="xterm")
    child = pexpect.spawn(DRILL, ["start", "softmax", "--lang", "zh", "--dir", str(tmp_path / "w")], env=env,
                          encoding="utf-8", timeout=90, dimensions=(50, 160))
    child.expect("数值稳定的 softmax")                      # the shown prompt
    child.expect("solved softmax in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [scaffold] = (tmp_path / "w").glob("*.scaffold")
    text = scaffold.read_text(encoding="utf-8")
    assert "# 数值稳定的 softmax" in text and f"# - {SOFTMAX_ZH_PROMPT}" in text
    assert "def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:" in text


def test_every_built_in_spec_has_a_complete_chinese_edition_and_a_recall_prompt(catalog):
    for spec in catalog.specs.values():
        assert spec.recall_prompt and spec.entry in spec.recall_prompt, spec.id
        zh = spec.zh
        assert zh is not None, f"{spec.id}: no zh block"
        assert len(zh.hints) == len(spec.hints), spec.id
        assert zh.recall_prompt and spec.entry in zh.recall_prompt, spec.id
        assert spec.entry in zh.prompt or spec.entry not in spec.prompt, f"{spec.id}: the zh prompt lost the entry point `{spec.entry}`"
        prose = [zh_hint for en_hint, zh_hint in zip(spec.hints, zh.hints)            # a hint of one code span
                 if not (en_hint.rstrip(".").startswith("`") and en_hint.rstrip(".").endswith("`")
                         and en_hint.count("`") == 2)]                                # stays code
        for text in (zh.title, zh.prompt, zh.recall_prompt, *prose):
            assert any(_chinese(ch) for ch in text), f"{spec.id}: untranslated text {text[:40]!r}"


def _chinese(ch: str) -> bool:
    """A Han character or Chinese punctuation (a code-heavy hint keeps only its ；and 。)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


FIRST_EDITION = {"activations-and-ffn.md", "architecture.md", "attention.md", "efficient-attention.md",
                 "finetuning.md", "kv-cache-and-decoding.md", "moe.md", "normalization.md", "optimization.md",
                 "positions.md", "precision-and-quantization.md", "rl-alignment.md", "tokenization-and-losses.md"}


def test_every_chinese_card_file_twins_its_english_file_card_for_card():
    """Same file name, and each English card's id exactly once among the Chinese cards, nothing else."""
    from drill.quiz.notes import parse_file

    notes = REPO / "docs" / "notes"
    zh_files = sorted((notes / "zh").glob("*.md"))
    assert {f.name for f in zh_files} >= FIRST_EDITION
    for zh_file in zh_files:
        english = notes / zh_file.name
        assert english.is_file(), f"{zh_file.name}: no English file of that name"
        en_ids = sorted(card.id for card in parse_file(english, notes)[0])
        zh_cards, _ = parse_file(zh_file, notes / "zh")
        assert sorted(card.id for card in zh_cards) == en_ids, zh_file.name
        for card in zh_cards:
            assert "**要点**" in card.answer and len(card.key_points) >= 2, f"{zh_file.name}:{card.line}"
            assert any(_chinese(ch) for ch in card.question), f"{zh_file.name}:{card.line}: {card.question}"
            assert sum(_chinese(ch) for ch in card.answer) > len(card.answer) // 10, f"{zh_file.name}:{card.line}"


def test_the_english_quiz_does_not_pull_in_the_chinese_twins():
    import json

    listed = run_drill("quiz", "--list", "--json")
    assert listed.returncode == 0, listed.stderr
    cards = json.loads(listed.stdout)
    ids = [card["id"] for card in cards]
    assert len(ids) == len(set(ids)) and not any(card["source"].startswith("zh") for card in cards)
    assert not any(_chinese(ch) for card in cards for ch in card["question"])
