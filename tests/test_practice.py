"""Full practice sessions through the real `drill` command under a pseudo-terminal (pexpect),
with fake $EDITOR scripts and a real SQLite file in the per-test DRILL_HOME.

Each `drill start` process pays one torch import (in its forkserver), so sessions are combined
where one process can cover several steps (fail → hint → fail → pass)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from helpers import CORRECT_SOFTMAX, DRILL, attempt_rows, run_drill

CORRECT = CORRECT_SOFTMAX
WRONG = "# drill: softmax\nimport torch\n\n\ndef softmax(x, dim=-1):\n    e = x.exp()\n    return e / e.sum(dim, keepdim=True)\n"

FAKE_EDITOR = """
import os, sys, time
path = sys.argv[-1]
log = os.environ["FAKE_EDITOR_LOG"]
with open(log, "a") as f:
    f.write(path + "\\n")
calls = sum(1 for _ in open(log))
plan = os.environ["FAKE_EDITOR_PLAN"].split(",")
step = plan[min(calls, len(plan)) - 1]
if step == "sleep":
    time.sleep(30)
    sys.exit(0)
assert open(path).read().startswith("# drill: softmax"), "drill gave the editor the wrong file"
with open(path, "w") as f:
    f.write(open(os.environ["FAKE_EDITOR_" + step.upper()]).read())
"""


@pytest.fixture
def fake_editor(tmp_path):
    """Returns env(plan) -> environment whose $EDITOR writes the planned files, one per opening."""
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    (tmp_path / "correct.py").write_text(CORRECT)
    (tmp_path / "wrong.py").write_text(WRONG)
    log = tmp_path / "editor.log"

    def env(plan):
        full = {k: v for k, v in os.environ.items() if k != "VISUAL"}
        full.update(EDITOR=f"{sys.executable} {script}", FAKE_EDITOR_PLAN=plan, FAKE_EDITOR_LOG=str(log),
                    FAKE_EDITOR_CORRECT=str(tmp_path / "correct.py"), FAKE_EDITOR_WRONG=str(tmp_path / "wrong.py"),
                    NO_COLOR="1", COLUMNS="160", TERM="xterm")
        return full

    env.log = log
    return env


def spawn(args, env, timeout=90):
    return pexpect.spawn(DRILL, [str(a) for a in args], env=env, encoding="utf-8", timeout=timeout,
                         dimensions=(50, 160))


def finish(child, timeout=30):
    child.expect(pexpect.EOF, timeout=timeout)
    child.close()
    return child.exitstatus


rows = attempt_rows


def test_done_means_correct_editor_solves_and_stats_show_it(fake_editor, drill_home):
    child = spawn(["start", "softmax"], fake_editor("correct"))
    child.expect("Clock started")
    child.expect("solved softmax in")
    assert finish(child) == 0
    stats = json.loads(run_drill("stats", "--json").stdout)
    [problem] = stats["problems"]
    assert problem["problem"] == "softmax" and problem["attempts"] == 1 and problem["solved"] == 1
    assert problem["best_seconds"] > 0 and problem["last_seconds"] == problem["best_seconds"]
    assert stats["totals"]["solved"] == 1 and stats["streak"]["current"] == 1
    [attempt] = rows(drill_home)
    path = Path(attempt["file"])
    assert path.parent == drill_home / "workspace" / "softmax" and path.read_text() == CORRECT
    assert attempt["outcome"] == "solved" and attempt["checks_run"] == 1 and attempt["code_hash"]


def test_fail_then_hint_then_pass(fake_editor, drill_home):
    child = spawn(["start", "softmax"], fake_editor("wrong,wrong,correct"))
    child.expect("failed")
    child.expect("Enter")                 # the menu
    child.send("\r")                      # back to the editor: wrong again
    child.expect("failed")
    child.expect("Enter")
    child.send("h")
    child.expect("hint 1/3")
    child.send("\r")                      # editor writes the correct file
    child.expect("solved softmax in")
    assert finish(child) == 0
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "solved" and attempt["checks_run"] == 3 and attempt["hints_used"] == 1
    history = json.loads(run_drill("history", "softmax", "--json").stdout)
    assert history[0]["hints_used"] == 1 and history[0]["outcome"] == "solved"


def test_give_up_shows_the_solution_and_records_it(fake_editor, drill_home):
    child = spawn(["start", "softmax"], fake_editor("wrong"))
    child.expect("failed")
    child.expect("Enter")
    child.send("s")
    child.expect("solution: softmax")
    child.expect("amax")                  # the reference's code
    child.expect("Gave up")
    assert finish(child) == 1
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "gave_up" and attempt["ended_at"] and Path(attempt["file"]).read_text() == WRONG
    stats = json.loads(run_drill("stats", "--json").stdout)
    assert stats["problems"][0]["gave_up"] == 1 and stats["problems"][0]["best_seconds"] is None


def test_quit_and_resume_continues_the_same_file_without_counting_the_gap(fake_editor, drill_home):
    child = spawn(["start", "softmax"], fake_editor("wrong,correct"))
    child.expect("failed")
    child.expect("Enter")
    child.send("q")
    child.expect("--resume")
    assert finish(child) == 0
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "open" and attempt["segment_started_at"] is None
    paused_at = attempt["active_seconds"]
    time.sleep(3)                         # away: must not count
    child = spawn(["start", "softmax", "--resume"], fake_editor("wrong,correct"))
    child.expect("Resumed with")
    child.expect("solved softmax in")
    assert finish(child) == 0
    [attempt] = rows(drill_home)          # the same attempt, not a new one
    opened = fake_editor.log.read_text().split()
    assert len(opened) == 2 and opened[0] == opened[1] == attempt["file"]
    assert attempt["outcome"] == "solved" and attempt["checks_run"] == 2
    wall = attempt["ended_at"] - attempt["started_at"]
    assert paused_at < attempt["active_seconds"] < wall - 2.5


def test_closed_terminal_mid_attempt_keeps_file_and_open_attempt(fake_editor, drill_home, tmp_path):
    env = fake_editor("sleep")
    child = spawn(["start", "softmax", "--dir", tmp_path / "mine"], env)
    child.expect("Clock started")
    deadline = time.monotonic() + 20
    while not (fake_editor.log.exists() and fake_editor.log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child.close(force=False)              # hang up the terminal: SIGHUP to drill and the editor
    deadline = time.monotonic() + 20
    while child.isalive() and time.monotonic() < deadline:
        time.sleep(0.1)
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "open" and attempt["segment_started_at"] is None
    assert Path(attempt["file"]).parent == tmp_path / "mine" and Path(attempt["file"]).exists()
    # resumed without a terminal: a failure cannot show the menu, so it is a quit that says so
    result = subprocess.run([DRILL, "start", "--resume"], env=fake_editor("wrong"), stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "not a terminal" in result.stdout and "--resume" in result.stdout
    [again] = rows(drill_home)
    assert again["id"] == attempt["id"] and again["outcome"] == "open" and again["checks_run"] == 1
    assert Path(again["file"]).read_text() == WRONG


def test_watch_mode_without_editor_grades_saves_including_renames(fake_editor, drill_home, tmp_path):
    folder = tmp_path / "work"
    child = spawn(["start", "softmax", "--no-editor", "--dir", folder], fake_editor("correct"))
    child.expect("watching")
    [path] = folder.glob("softmax-*.py")
    path.write_text(WRONG)                # an in-place save
    child.expect("failed", timeout=90)
    child.send("h")
    child.expect("hint 1/3")
    temp = folder / ".softmax.tmp"        # a save by rename, as vim/IDEs do
    temp.write_text(CORRECT)
    os.replace(temp, path)
    child.expect("solved softmax in", timeout=30)
    assert finish(child) == 0
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "solved" and attempt["checks_run"] == 2 and attempt["hints_used"] == 1


def test_check_watch_json_prints_one_line_per_save(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(WRONG)
    proc = subprocess.Popen([DRILL, "check", str(path), "--watch", "--json"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(proc.stdout.readline())
        assert first["problem"] == "softmax" and first["passed"] is False
        temp = tmp_path / "softmax.py.tmp"
        temp.write_text(CORRECT)
        os.replace(temp, path)
        second = json.loads(proc.stdout.readline())
        assert second["passed"] is True
        proc.stdin.write("q")
        proc.stdin.flush()
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


def test_usage_errors_create_nothing(tmp_path, drill_home):
    env = {"EDITOR": "no-such-editor-xyz", "VISUAL": ""}
    result = run_drill("start", "softmax", "--dir", tmp_path / "w", env=env)
    assert result.returncode == 2 and "$EDITOR" in result.stderr and "--no-editor" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "w").exists()
    result = run_drill("start", "softmax", "--editor", "vim", "--no-editor")
    assert result.returncode == 2 and "--editor" in result.stderr
    result = run_drill("start", "--difficulty", "impossible")
    assert result.returncode == 2 and "--difficulty" in result.stderr
    result = run_drill("start", "sofmax", "--no-editor")
    assert result.returncode == 2 and "softmax" in result.stderr
    assert not (drill_home / "drill.db").exists() or rows(drill_home) == []


def test_solution_asks_while_an_attempt_is_open(drill_home, tmp_path):
    from drill.store import attempts
    from drill.store.db import open_db

    db = open_db()
    attempts.create(db, "softmax", str(tmp_path / "x.py"), time.time() - 60)
    db.close()
    result = run_drill("solution", "softmax")            # stdin is not a terminal: cannot ask
    assert result.returncode == 2 and "--yes" in result.stderr and "amax" not in result.stdout
    assert rows(drill_home)[0]["outcome"] == "open"
    result = run_drill("solution", "softmax", "--yes")
    assert result.returncode == 0 and "amax" in result.stdout
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "gave_up" and 55 < attempt["active_seconds"] < 600


def test_stats_and_history_on_an_empty_store():
    assert "No practice" in run_drill("stats").stdout
    assert json.loads(run_drill("history", "--json").stdout) == []


def test_practice_commands_without_a_grading_never_import_torch():
    for argv in (["drill", "stats"], ["drill", "stats", "--json"], ["drill", "history"], ["drill", "start", "--help"],
                 ["drill", "solution", "softmax"]):
        code = (f"import sys; sys.argv = {argv!r}\nfrom drill.cli import main\ntry:\n    main()\nexcept SystemExit:\n"
                "    pass\nassert 'torch' not in sys.modules, 'torch was imported'")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, (argv, result.stderr)


def test_gui_editor_gets_its_wait_flag_and_saves_are_watched(fake_editor, drill_home, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    code = bin_dir / "code"               # a stand-in for VS Code: saves by rename after a moment
    code.write_text(f"#!{sys.executable}\nimport os, sys, time\n"
                    f"open({str(tmp_path / 'code.argv')!r}, 'w').write(' '.join(sys.argv[1:]))\n"
                    "time.sleep(1.5)\npath = sys.argv[-1]\n"
                    f"open(path + '.tmp', 'w').write(open({str(tmp_path / 'correct.py')!r}).read())\n"
                    "os.replace(path + '.tmp', path)\n")
    code.chmod(0o755)
    env = fake_editor("correct")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env["VISUAL"] = "code"
    child = spawn(["start", "softmax"], env)
    child.expect("every save is graded")
    child.expect("solved softmax in")
    assert finish(child) == 0
    argv = (tmp_path / "code.argv").read_text().split()
    [attempt] = rows(drill_home)
    assert argv == ["--wait", attempt["file"]] and attempt["outcome"] == "solved"
    assert not fake_editor.log.exists()   # $VISUAL wins over $EDITOR


def test_history_of_an_unknown_problem_is_a_usage_error(drill_home):
    result = run_drill("history", "rpoe")
    assert result.returncode == 2 and "rope" in result.stderr and "Traceback" not in result.stderr
    known = run_drill("history", "rope")
    assert known.returncode == 0 and "No attempts at rope yet" in known.stdout
