"""`drill quiz` options as a user types them: --topic, --include, --lang, the notes report, nothing due."""

import json
import os
import subprocess
import sys

import pexpect
from helpers import DRILL, REPO, run_drill

SEEDS = REPO / "tests" / "fixtures" / "seeds"
NOTES = """# Attention

!!! question "Why scale by sqrt(d)?"
    Keeps the logits' variance near one, so softmax does not saturate.

!!! note "A note, not a question"
    Some text worth remembering about attention.

!!! tip
    A tip.

## Positions

!!! question "Why does attention need position information?"
    Self-attention is permutation-equivariant: without positions it sees a bag of tokens.

!!! question "What is LoRA for?"
"""


def _notes(tmp_path, text=NOTES):
    folder = tmp_path / "notes"
    folder.mkdir(exist_ok=True)
    (folder / "mine.md").write_text(text, encoding="utf-8")
    return folder


def _questions(result):
    assert result.returncode == 0, result.stderr
    return [row["question"] for row in json.loads(result.stdout)]


def test_list_never_imports_torch_nor_the_segmenter_nor_the_latex_converter():
    code = ("import sys; sys.argv = ['drill', 'quiz', '--list', '--json']\nfrom drill.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert not {'torch', 'rjieba', 'pylatexenc', 'rapidfuzz'} & set(sys.modules), 'heavy import'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_english_notes_do_not_pick_up_the_chinese_edition():
    rows = json.loads(run_drill("quiz", "--list", "--json").stdout)
    assert len(rows) >= 60 and not any("zh/" in row["source"] for row in rows)


def test_topic_matches_any_case_prefix_or_part_and_suggests_close_ones(tmp_path):
    notes = _notes(tmp_path)
    for wanted in ("positions", "POS", "posit", "sitions"):
        assert _questions(run_drill("quiz", "--list", "--json", "--notes", notes, "--topic", wanted)) == [
            "Why does attention need position information?"], wanted
    assert len(_questions(run_drill("quiz", "--list", "--json", "--notes", notes, "--topic", "mine"))) == 2  # file name
    wrong = run_drill("quiz", "--list", "--notes", notes, "--topic", "atention")
    assert wrong.returncode == 2 and "Did you mean: Attention?" in wrong.stderr and "Traceback" not in wrong.stderr


def test_builtin_topics_rl_and_position_are_found():
    for wanted in ("RL", "rl", "position"):
        assert _questions(run_drill("quiz", "--list", "--json", "--topic", wanted)), wanted


def test_skipped_admonitions_and_thin_cards_are_reported_not_scheduled(tmp_path):
    result = run_drill("quiz", "--list", "--json", "--notes", _notes(tmp_path))
    assert _questions(result) == ["Why scale by sqrt(d)?", "Why does attention need position information?"]
    assert "Skipped 1 note, 1 tip admonitions" in result.stderr and "--include note,tip" in result.stderr
    assert "Too thin to schedule" in result.stderr and "mine.md:17  What is LoRA for?" in result.stderr


def test_include_note_makes_the_seed_notes_note_blocks_cards():
    plain = run_drill("quiz", "--list", "--json", "--notes", SEEDS)
    assert "6 note" in plain.stderr and "--include example,note" in plain.stderr
    included = _questions(run_drill("quiz", "--list", "--json", "--notes", SEEDS, "--include", "note"))
    for title in ("为什么现在大多是 decoder-only 结构？", "MMoE", "BF16、FP16、FP32对比", "为什么需要多个头？"):
        assert title in included
    assert len(included) == len(_questions(plain)) + 6
    bad = run_drill("quiz", "--list", "--notes", SEEDS, "--include", "note;tip")
    assert bad.returncode == 2 and "--include" in bad.stderr


def test_lang_zh_uses_the_chinese_edition(tmp_path):
    zh = REPO / "docs" / "notes" / "zh"
    result = run_drill("quiz", "--list", "--json", "--lang", "zh")
    if not zh.is_dir():
        assert result.returncode == 2 and "--lang zh" in result.stderr and "Traceback" not in result.stderr
        return
    rows = json.loads(result.stdout)
    english = {row["id"] for row in json.loads(run_drill("quiz", "--list", "--json").stdout)}
    assert rows and {row["id"] for row in rows} <= english            # every Chinese card has its English twin
    assert any("\u4e00" <= ch <= "\u9fff" for row in rows for ch in row["question"])


def test_bad_lang_is_a_clear_error():
    result = run_drill("quiz", "--list", "--lang", "fr")
    assert result.returncode == 2 and "fr" in result.stderr and "Traceback" not in result.stderr


def test_nothing_due_says_when_the_next_card_comes(tmp_path, drill_home):
    notes = _notes(tmp_path, NOTES.split("!!! note")[0])
    env = {**os.environ, "DRILL_HOME": str(drill_home), "COLUMNS": "300", "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    child = pexpect.spawn(DRILL, ["quiz", "--notes", str(notes)], env=env, encoding="utf-8", timeout=30, dimensions=(40, 300))
    child.expect("1 cards: 0 due, 1 new")
    child.expect("10 new a day for these notes")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("4")
    child.expect("Reviewed 1 card")
    child.expect(pexpect.EOF)
    child = pexpect.spawn(DRILL, ["quiz", "--notes", str(notes)], env=env, encoding="utf-8", timeout=30, dimensions=(40, 300))
    child.expect("Nothing due — next card in 8 days \\(0 by the end of tomorrow\\)")
    child.expect(pexpect.EOF)
    (notes / "more.md").write_text('!!! question "Another question?"\n    A long enough answer for a real card, truly.\n')
    child = pexpect.spawn(DRILL, ["quiz", "--notes", str(notes), "--new", "1"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 300))
    child.expect("1 new cards wait, but today's 1 for these notes")
    child.expect("--new raises the daily allowance")
    child.expect(pexpect.EOF)


def test_a_fifo_as_notes_is_a_clear_error(tmp_path):
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    result = run_drill("quiz", "--list", "--notes", fifo, timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_notes_with_only_thin_cards_say_what_to_write(tmp_path):
    notes = _notes(tmp_path, '!!! question "LoRA是什么作用"\n\n!!! question "RAG的作用"\n    STF 是什么数据？\n')
    result = run_drill("quiz", "--list", "--notes", notes)
    assert result.returncode == 2 and "too thin to schedule" in result.stderr and "Traceback" not in result.stderr
    assert "mine.md:1  LoRA是什么作用" in result.stderr and "mine.md:3  RAG的作用" in result.stderr
