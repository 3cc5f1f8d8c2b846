"""Pure parts of timed practice: the attempt state machine (fake clock), the attempts store,
stats helpers, editor resolution and the attempt file. No torch, no subprocess of drill."""

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from drill.errors import UsageError
from drill.practice import editor as editors
from drill.practice.run import choose_problem, create_attempt_file
from drill.practice.session import AttemptClosed, Session
from drill.store import attempts
from drill.store.db import open_db


def new_attempt(problem: str, file: str, started_at: float) -> dict:
    """A fresh attempt dict (id filled in by the store), its clock running from `started_at`."""
    return {"id": None, "problem": problem, "file": file, "started_at": started_at, "ended_at": None,
            "active_seconds": 0.0, "segment_started_at": started_at, "outcome": "open", "hints_used": 0,
            "checks_run": 0, "code_hash": None}


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t

    def advance(self, seconds):
        self.t += seconds


def make_session(db=None, clock=None, problem="softmax"):
    clock = clock or Clock()
    if db is None:
        attempt, save = new_attempt(problem, "/tmp/x.py", clock()), (lambda a: None)
    else:
        attempt = attempts.get(db, attempts.create(db, problem, "/tmp/x.py", clock()))
        save = lambda a: attempts.save(db, a)  # noqa: E731
    return Session(attempt, save, clock), clock


def test_time_between_quit_and_resume_does_not_count():
    session, clock = make_session()
    clock.advance(100)
    session.pause()
    assert session.elapsed() == 100 and not session.running
    clock.advance(3600)                      # away for an hour
    assert session.elapsed() == 100
    session.resume()
    clock.advance(20)
    assert session.elapsed() == 120
    session.record_check("def f(): pass", passed=True)
    a = session.attempt
    assert a["outcome"] == "solved" and a["active_seconds"] == 120 and a["ended_at"] == clock()
    assert a["checks_run"] == 1 and len(a["code_hash"]) == 16
    clock.advance(50)
    assert session.elapsed() == 120          # a finished attempt's clock is stopped


def test_failed_checks_count_and_keep_the_clock_running():
    session, clock = make_session()
    clock.advance(10)
    session.record_check("x = 1", passed=False)
    session.record_check("x = 2", passed=False)
    clock.advance(5)
    assert session.attempt["checks_run"] == 2 and session.attempt["outcome"] == "open"
    assert session.elapsed() == 15 and session.running


def test_a_crashed_segment_is_closed_at_the_last_activity_on_resume():
    session, clock = make_session()
    start = clock()
    clock.advance(7200)                      # the process was SIGKILLed; the segment is still "running"
    session.resume(last_activity=start + 300)
    assert session.attempt["active_seconds"] == 300
    clock.advance(10)
    assert session.elapsed() == 310
    # activity recorded "in the future" (clock skew) never counts beyond now
    session2, clock2 = make_session()
    clock2.advance(60)
    session2.resume(last_activity=clock2() + 1000)
    assert session2.attempt["active_seconds"] == 60


def test_hints_are_counted_and_capped():
    session, _ = make_session()
    assert [session.next_hint(2), session.next_hint(2), session.next_hint(2)] == [0, 1, None]
    assert session.attempt["hints_used"] == 2


def test_give_up_closes_the_attempt():
    session, clock = make_session()
    clock.advance(42)
    session.give_up("partial code")
    assert session.attempt["outcome"] == "gave_up" and session.attempt["active_seconds"] == 42
    with pytest.raises(AttemptClosed):
        session.record_check("x", passed=True)
    with pytest.raises(AttemptClosed):
        session.next_hint(3)
    session.pause()                          # harmless on a closed attempt


def test_store_roundtrip_and_latest_open(drill_home):
    db = open_db()
    s1, c = make_session(db)
    c.advance(30)
    s1.pause()
    s2, c2 = make_session(db, Clock(c() + 100))
    row = attempts.latest_open(db, "softmax")
    assert row["id"] == s2.attempt["id"]
    assert attempts.latest_open(db, "rope") is None
    assert attempts.get(db, s1.attempt["id"])["active_seconds"] == 30
    assert attempts.get(db, s1.attempt["id"])["segment_started_at"] is None
    s2.record_check("y", passed=True)
    assert attempts.latest_open(db)["id"] == s1.attempt["id"]
    assert [r["id"] for r in attempts.open_attempts(db, "softmax")] == [s1.attempt["id"]]
    assert set(attempts.solved_problems(db)) == {"softmax"}


def test_per_problem_best_last_rate_and_totals(drill_home):
    db = open_db()
    clock = Clock()
    durations = [(300, True), (200, True), (250, True), (100, False)]
    for seconds, solve in durations:
        session, clock = make_session(db, clock)
        clock.advance(seconds)
        if solve:
            session.record_check("ok", passed=True)
        else:
            session.next_hint(3)
            session.give_up()
        clock.advance(1000)
    session, clock = make_session(db, clock, problem="rope")
    [row_rope, row_soft] = attempts.per_problem(db)
    assert row_soft["problem"] == "softmax" and row_soft["attempts"] == 4
    assert row_soft["solved"] == 3 and row_soft["gave_up"] == 1 and row_soft["hints"] == 1
    assert row_soft["best_seconds"] == 200 and row_soft["last_seconds"] == 250
    assert row_soft["solve_rate"] == 0.75
    assert row_rope["open"] == 1 and row_rope["best_seconds"] is None and row_rope["last_seconds"] is None
    totals = attempts.totals(db)
    assert totals["attempts"] == 5 and totals["solved"] == 3 and totals["problems"] == 2 and totals["problems_solved"] == 1
    latest = attempts.history(db, "softmax")[0]
    assert attempts.best_seconds(db, "softmax", exclude_id=latest["id"]) == 200
    assert len(attempts.history(db, limit=2)) == 2
    assert sum(attempts.practice_days(db).values()) >= 5


def test_streaks():
    today = date(2026, 5, 20)
    days = {today - timedelta(days=n) for n in (0, 1, 2, 5, 6, 7, 8)}
    assert attempts.streaks(days, today) == (3, 4)
    # no practice yet today: yesterday's streak still counts
    assert attempts.streaks({(today - timedelta(days=1)).isoformat(), (today - timedelta(days=2)).isoformat()}, today) == (2, 2)
    assert attempts.streaks({(today - timedelta(days=2)).isoformat()}, today) == (0, 1)
    assert attempts.streaks(set(), today) == (0, 0)


def test_calendar_grid():
    today = date(2026, 5, 20)            # a Wednesday
    grid = attempts.calendar({today.isoformat(): 3, "2026-05-18": 1}, today, weeks=2)
    assert len(grid) == 7 and all(len(row) == 2 for row in grid)
    assert grid[0][1] == 1 and grid[2][1] == 3   # Monday and Wednesday of this week
    assert grid[3][1] is None and grid[6][1] is None  # days after today
    assert grid[3][0] == 0


def test_choose_problem():
    class S:
        def __init__(self, id):
            self.id = id
    specs = [S("a"), S("b"), S("c")]
    assert choose_problem(specs, {"a": 5.0}).id == "b"
    assert choose_problem(specs, {"a": 5.0, "b": 1.0, "c": 3.0}).id == "b"   # all solved: the stalest
    import random
    assert choose_problem(specs, {"a": 1.0}, random.Random(0)).id in {"b", "c"}


def test_attempt_files_never_overwrite(tmp_path):
    class S:
        id = "softmax"
        scaffold = "# drill: softmax\nraise NotImplementedError\n"
    first = create_attempt_file(S, tmp_path / "w", 1_000_000.0)
    first.write_text("my work")
    second = create_attempt_file(S, tmp_path / "w", 1_000_000.0)   # same second
    assert first != second and first.read_text() == "my work"
    assert second.read_text() == S.scaffold and second.name.startswith("softmax-")


def _fake_program(folder: Path, name: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_editor_order_and_wait_flags(tmp_path):
    bin_dir = tmp_path / "bin"
    for name in ("vim", "code", "nano", "subl"):
        _fake_program(bin_dir, name)
    env = {"PATH": str(bin_dir)}
    assert editors.resolve(None, {**env, "VISUAL": "code", "EDITOR": "vim"}).argv == ["code", "--wait"]
    chosen = editors.resolve(None, {**env, "EDITOR": "vim -u NONE"})
    assert chosen.argv == ["vim", "-u", "NONE"] and not chosen.gui and chosen.source == "$EDITOR"
    gui = editors.resolve("subl", {**env, "EDITOR": "vim"})
    assert gui.gui and gui.argv == ["subl", "--wait"] and gui.source == "--editor"
    assert editors.resolve("code --wait", env).argv == ["code", "--wait"]     # no second flag
    fallback = editors.resolve(None, env)
    assert Path(fallback.argv[0]).name == "nano" and fallback.source == "a fallback"
    assert editors.resolve(None, {**env, "EDITOR": str(bin_dir / "code")}).gui


def test_editor_errors_name_the_setting(tmp_path):
    env = {"PATH": str(tmp_path)}
    with pytest.raises(UsageError, match=r"\$EDITOR"):
        editors.resolve(None, {**env, "EDITOR": "no-such-editor-xyz"})
    with pytest.raises(UsageError, match="--editor"):
        editors.resolve("no-such-editor-xyz", env)
    with pytest.raises(UsageError, match="--no-editor"):
        editors.resolve(None, env)
    with pytest.raises(UsageError, match="quoting"):
        editors.resolve(None, {**env, "VISUAL": "vim 'unclosed"})
