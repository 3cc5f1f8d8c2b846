"""All SQL for quiz cards and reviews."""

import sqlite3
import time
from datetime import date


def sync_cards(db: sqlite3.Connection, cards: list) -> None:
    """Insert new cards and refresh question/topic/source of known ones; review state is kept."""
    with db:
        db.executemany(
            """INSERT INTO cards (id, source, topic, question) VALUES (?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET source = excluded.source, topic = excluded.topic,
                                              question = excluded.question""",
            [(c.id, c.source, c.topic, c.question) for c in cards],
        )


def card_states(db: sqlite3.Connection, ids: list) -> dict:
    """id -> row (fsrs_state, due, introduced_on) for the given cards."""
    rows = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start: start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT id, fsrs_state, due, introduced_on FROM cards WHERE id IN ({marks})", chunk):
            rows[row["id"]] = row
    return rows


def introduced_today(db: sqlite3.Connection, ids: list | None = None, today: date | None = None) -> int:
    """New cards first reviewed today: among `ids` (one notes set) when given, else among all cards."""
    day = (today or date.today()).isoformat()
    if ids is None:
        return db.execute("SELECT count(*) FROM cards WHERE introduced_on = ?", (day,)).fetchone()[0]
    return sum(1 for row in card_states(db, ids).values() if row["introduced_on"] == day)


def record_review(db: sqlite3.Connection, card_id: str, rating: int, answer: str, state_json: str,
                  due: float, now: float | None = None) -> int:
    """Store one rating and the card's new state; returns the review's row id (for undo)."""
    now = time.time() if now is None else now
    with db:
        cursor = db.execute("INSERT INTO reviews (card_id, rating, reviewed_at, answer) VALUES (?, ?, ?, ?)",
                            (card_id, rating, now, answer))
        db.execute("""UPDATE cards SET fsrs_state = ?, due = ?,
                      introduced_on = coalesce(introduced_on, ?) WHERE id = ?""",
                   (state_json, due, date.fromtimestamp(now).isoformat(), card_id))
    return cursor.lastrowid or 0   # always set after an INSERT


def undo_review(db: sqlite3.Connection, review_id: int, card_id: str, before) -> None:
    """Take back one rating: delete its review row and put the card's state back as `before` was
    (a card_states row, or None for a card never reviewed)."""
    with db:
        db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
        db.execute("UPDATE cards SET fsrs_state = ?, due = ?, introduced_on = ? WHERE id = ?",
                   (before["fsrs_state"] if before else None, before["due"] if before else None,
                    before["introduced_on"] if before else None, card_id))


def upcoming(db: sqlite3.Connection, ids: list, now: float) -> tuple:
    """(the next due time after now or None, how many are due by the end of tomorrow) among `ids`."""
    dues = [row["due"] for row in card_states(db, ids).values() if row["fsrs_state"] and row["due"] is not None]
    later = [due for due in dues if due > now]
    end_of_tomorrow = time.mktime(date.fromtimestamp(now).timetuple()) + 2 * 86400
    return (min(later) if later else None), sum(1 for due in dues if due < end_of_tomorrow)


def quiz_stats(db: sqlite3.Connection, now: float | None = None) -> dict:
    """Figures for `drill stats`: cards due by the end of today, reviews made, retention."""
    now = time.time() if now is None else now
    end_of_day = time.mktime(date.fromtimestamp(now).timetuple()) + 86400
    due = db.execute("SELECT count(*) FROM cards WHERE due IS NOT NULL AND due < ?", (end_of_day,)).fetchone()[0]
    seen = db.execute("SELECT count(*) FROM cards WHERE fsrs_state IS NOT NULL").fetchone()[0]
    total = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
    today = db.execute("SELECT count(*) FROM reviews WHERE reviewed_at >= ?", (end_of_day - 86400,)).fetchone()[0]
    # retention: share of reviews of already-seen cards (not first sightings) not rated Again
    recalls = db.execute(
        """SELECT count(*), sum(rating > 1) FROM reviews r
           WHERE r.reviewed_at > (SELECT min(reviewed_at) FROM reviews f WHERE f.card_id = r.card_id)"""
    ).fetchone()
    retention = (recalls[1] / recalls[0]) if recalls[0] else None
    return {"due_today": due, "cards_seen": seen, "reviews": total, "reviews_today": today, "retention": retention}
