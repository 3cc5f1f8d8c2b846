"""All SQL for timed attempts, and the figures `drill stats` and `drill history` show.

Times are unix seconds; calendar days are the local dates of those times. The pure helpers at the
bottom (streaks, the calendar grid) take plain values so they can be tested without a database.
"""

import sqlite3
from datetime import date, timedelta

COLUMNS = ("id", "problem", "file", "started_at", "ended_at", "active_seconds", "segment_started_at",
           "outcome", "hints_used", "checks_run", "code_hash")


def create(db: sqlite3.Connection, problem: str, file: str, started_at: float) -> int:
    with db:
        cursor = db.execute("INSERT INTO attempts (problem, file, started_at, segment_started_at) VALUES (?, ?, ?, ?)",
                            (problem, file, started_at, started_at))
    assert cursor.lastrowid is not None  # an INSERT always sets it
    return cursor.lastrowid


def save(db: sqlite3.Connection, attempt: dict) -> bool:
    """Write every mutable field of an open attempt (a dict with the COLUMNS keys).

    Two sessions may hold the same attempt (a second terminal, --resume): the row is only written
    while it is still open, so a solve or give-up recorded by one is never reopened or overwritten
    by the other's stale copy, and counters only grow. False when the row was already finished.
    """
    with db:
        cursor = db.execute(
            """UPDATE attempts SET ended_at = ?, active_seconds = MAX(active_seconds, ?), segment_started_at = ?,
                  outcome = ?, hints_used = MAX(hints_used, ?), checks_run = MAX(checks_run, ?), code_hash = ?
               WHERE id = ? AND outcome = 'open'""",
            (attempt["ended_at"], attempt["active_seconds"], attempt["segment_started_at"], attempt["outcome"],
             attempt["hints_used"], attempt["checks_run"], attempt["code_hash"], attempt["id"]))
    return cursor.rowcount == 1


def get(db: sqlite3.Connection, attempt_id: int) -> dict | None:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    return dict(row) if row else None


def latest_open(db: sqlite3.Connection, problem: str | None = None) -> dict | None:
    """The most recently started unfinished attempt (at `problem`, or at any problem)."""
    where, args = ("outcome = 'open' AND problem = ?", (problem,)) if problem else ("outcome = 'open'", ())
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM attempts WHERE {where} ORDER BY started_at DESC, id DESC LIMIT 1",
                     args).fetchone()
    return dict(row) if row else None


def open_attempts(db: sqlite3.Connection, problem: str) -> list:
    return [dict(r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM attempts WHERE outcome = 'open' "
                                        "AND problem = ? ORDER BY started_at", (problem,))]


def solved_problems(db: sqlite3.Connection) -> dict:
    """problem -> time of its latest solve."""
    return {r[0]: r[1] for r in db.execute("SELECT problem, max(ended_at) FROM attempts WHERE outcome = 'solved' GROUP BY problem")}


def best_seconds(db: sqlite3.Connection, problem: str, exclude_id: int | None = None) -> float | None:
    """The fastest solve of `problem`, leaving out one attempt (the one just finished)."""
    row = db.execute("SELECT min(active_seconds) FROM attempts WHERE problem = ? AND outcome = 'solved' AND id != ?",
                     (problem, exclude_id if exclude_id is not None else -1)).fetchone()
    return row[0]


def history(db: sqlite3.Connection, problem: str | None = None, limit: int | None = None) -> list:
    """Attempts, newest first."""
    where, args = ("WHERE problem = ?", [problem]) if problem else ("", [])
    params: list = list(args)
    sql = f"SELECT {', '.join(COLUMNS)} FROM attempts {where} ORDER BY started_at DESC, id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return [dict(r) for r in db.execute(sql, params)]


def per_problem(db: sqlite3.Connection) -> list:
    """One row per problem practised: attempts, outcomes, best and last solve time, hints."""
    rows = db.execute(
        """SELECT problem,
                  count(*) AS attempts,
                  sum(outcome = 'solved') AS solved,
                  sum(outcome = 'gave_up') AS gave_up,
                  sum(outcome = 'open') AS open,
                  min(CASE WHEN outcome = 'solved' THEN active_seconds END) AS best_seconds,
                  sum(hints_used) AS hints,
                  sum(checks_run) AS checks,
                  max(started_at) AS last_started_at
           FROM attempts GROUP BY problem ORDER BY problem"""
    ).fetchall()
    last = {r[0]: (r[1], r[2]) for r in db.execute(
        """SELECT a.problem, a.active_seconds, a.ended_at FROM attempts a
           JOIN (SELECT problem, max(ended_at) AS ended_at FROM attempts WHERE outcome = 'solved' GROUP BY problem) m
             ON a.problem = m.problem AND a.ended_at = m.ended_at AND a.outcome = 'solved'""")}
    result = []
    for r in rows:
        item = dict(r)
        finished = item["solved"] + item["gave_up"]
        item["solve_rate"] = round(item["solved"] / item["attempts"], 3) if item["attempts"] else None
        item["finished"] = finished
        item["last_seconds"], item["last_solved_at"] = last.get(item["problem"], (None, None))
        result.append(item)
    return result


def practice_days(db: sqlite3.Connection) -> dict:
    """Local date (ISO) -> number of practice events that day (attempts started or finished, quiz reviews)."""
    days: dict = {}
    queries = (
        "SELECT date(started_at, 'unixepoch', 'localtime'), count(*) FROM attempts GROUP BY 1",
        "SELECT date(ended_at, 'unixepoch', 'localtime'), count(*) FROM attempts WHERE ended_at IS NOT NULL "
        "AND date(ended_at, 'unixepoch', 'localtime') != date(started_at, 'unixepoch', 'localtime') GROUP BY 1",
        "SELECT date(reviewed_at, 'unixepoch', 'localtime'), count(*) FROM reviews GROUP BY 1",
    )
    for sql in queries:
        for day, count in db.execute(sql):
            if day:
                days[day] = days.get(day, 0) + count
    return days


def totals(db: sqlite3.Connection) -> dict:
    row = db.execute("""SELECT count(*), coalesce(sum(outcome = 'solved'), 0), coalesce(sum(outcome = 'gave_up'), 0),
                               coalesce(sum(outcome = 'open'), 0), coalesce(sum(active_seconds), 0),
                               coalesce(sum(hints_used), 0), count(DISTINCT problem),
                               count(DISTINCT CASE WHEN outcome = 'solved' THEN problem END)
                        FROM attempts""").fetchone()
    keys = ("attempts", "solved", "gave_up", "open", "active_seconds", "hints", "problems", "problems_solved")
    result = dict(zip(keys, row))
    result["active_seconds"] = round(result["active_seconds"], 1)
    result["solve_rate"] = round(result["solved"] / result["attempts"], 3) if result["attempts"] else None
    return result


# ---- pure helpers -----------------------------------------------------------------------------


def streaks(days, today: date) -> tuple:
    """(current, longest) runs of consecutive practice days. The current streak survives a day
    without practice yet: it counts back from today, or from yesterday when today is still empty."""
    have = {date.fromisoformat(d) if isinstance(d, str) else d for d in days}
    longest = run = 0
    previous = None
    for day in sorted(have):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    cursor = today if today in have else today - timedelta(days=1)
    current = 0
    while cursor in have:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


def calendar(day_counts: dict, today: date, weeks: int = 12) -> list:
    """A grid for the heat map: 7 rows (Monday..Sunday) × `weeks` columns ending with today's week.
    Each cell is the day's count, 0 for a day without practice, or None for a day after today."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    grid = []
    for weekday in range(7):
        row = []
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            row.append(None if day > today else day_counts.get(day.isoformat(), 0))
        grid.append(row)
    return grid
