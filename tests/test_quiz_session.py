"""A real `drill quiz` sitting under a pseudo-terminal: ratings are stored and cards rescheduled."""

import json
import os
import sqlite3

import pexpect
from helpers import DRILL, run_drill

NOTES = """# Test notes

## Attention

!!! question "Why scale by sqrt(d)?"
    Keeps the logits' variance near one.

    **Key points**

    - variance of dot products grows with d
    - softmax saturates without scaling
    - divide by sqrt(d)

!!! question "What does the KV cache store?"
    Keys and values of past tokens.

    **Key points**

    - keys and values of past tokens
    - not queries
    - trades memory for compute

??? question "Why multiple heads?"
    Different subspaces.

    **Key points**

    - different subspaces
    - same cost as one big head
    - heads specialise
"""


def _spawn(args, home):
    env = {**os.environ, "DRILL_HOME": str(home), "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
    return pexpect.spawn(DRILL, args, env=env, encoding="utf-8", timeout=30, dimensions=(40, 100))


def _in_order(child, *texts):
    for text in texts:     # one at a time: colour codes sit between them
        child.expect_exact(text)


def _listing(notes, home):
    result = run_drill("quiz", "--list", "--json", "--notes", notes, env={"DRILL_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    return {row["question"]: row for row in json.loads(result.stdout)}


def test_three_cards_rated_through_the_keys_with_their_intervals(tmp_path, drill_home):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "attention.md").write_text(NOTES)
    before = _listing(notes, drill_home)
    assert all(row["state"] == "new" and row["due_now"] for row in before.values())

    child = _spawn(["quiz", "--notes", str(notes)], drill_home)
    child.expect("3 cards: 0 due, 3 new")
    for answer, key in (("variance grows with d, softmax saturates", "4"), ("", "4"), ("subspaces", "4")):
        child.expect("your answer")
        child.sendline(answer)
        if answer:
            child.expect(r"your answer: \d/3 key points")
        child.expect("rate:")
        _in_order(child, "again", "hard", "good", "easy", "undo", "quit")
        _in_order(child, " 1m ", " 6m ", " 10m ", " 8d ")   # the next interval under each key (a new card)
        child.send(key)
    child.expect("Reviewed 3 cards")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    db = sqlite3.connect(drill_home / "drill.db")
    assert [r[0] for r in db.execute("SELECT rating FROM reviews")] == [4, 4, 4]
    after = _listing(notes, drill_home)
    for question, row in after.items():
        assert row["state"] == "review"
        assert row["due"] > (before[question]["due"] or "")
        assert not row["due_now"]


def test_an_again_card_is_asked_again_and_u_undoes_the_last_rating(tmp_path, drill_home):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "attention.md").write_text(NOTES)
    child = _spawn(["quiz", "--notes", str(notes)], drill_home)
    child.expect("Why scale by sqrt")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("4")                       # easy ...
    child.expect("What does the KV cache store")
    child.expect("your answer")
    child.sendline("u")                   # ... taken back: the first card is asked again
    child.expect("Undone")
    child.expect("Why scale by sqrt")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("1")                       # again: back after its 1-minute step, in this sitting
    child.expect("What does the KV cache store")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("4")
    child.expect("Why multiple heads")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("4")
    child.expect("Why scale by sqrt")     # learned ahead: nothing else is left
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    _in_order(child, " 1m ", " 6m ", " 10m ")   # still in learning: its steps again
    child.send("4")
    child.expect("Reviewed 4 cards")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = sqlite3.connect(drill_home / "drill.db")
    assert [r[0] for r in db.execute("SELECT rating FROM reviews ORDER BY id")] == [1, 4, 4, 4]


def test_q_quits_keeping_the_reviews_made(tmp_path, drill_home):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "attention.md").write_text(NOTES)
    child = _spawn(["quiz", "--notes", str(notes)], drill_home)
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("4")
    child.expect("your answer")
    child.sendline("")
    child.expect("rate:")
    child.send("q")
    child.expect("Reviewed 1 card")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = sqlite3.connect(drill_home / "drill.db")
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1
    # the next sitting offers only the two cards not yet seen
    child = _spawn(["quiz", "--notes", str(notes)], drill_home)
    child.expect("2 cards: 0 due, 2 new")
    child.expect("your answer")
    child.sendline("q")
    child.expect(pexpect.EOF)


def test_quiz_refuses_without_a_terminal(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NOTES)
    result = run_drill("quiz", "--notes", notes, input="")
    assert result.returncode == 2
    assert "terminal" in result.stderr and "--list" in result.stderr
