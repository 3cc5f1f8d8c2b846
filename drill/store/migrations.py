"""Numbered schema migrations, applied in order by db.open_db.

Append a new function to MIGRATIONS to change the schema; never edit one that
has shipped. PRAGMA user_version records how many have been applied.
"""

import sqlite3


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run each statement of a script inside the caller's transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m001_initial(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            file TEXT NOT NULL,
            started_at REAL NOT NULL,          -- unix seconds
            ended_at REAL,                     -- set when solved or given up
            active_seconds REAL NOT NULL DEFAULT 0,
            segment_started_at REAL,           -- start of the running clock segment, NULL while paused
            outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'solved', 'gave_up')),
            hints_used INTEGER NOT NULL DEFAULT 0,
            checks_run INTEGER NOT NULL DEFAULT 0,
            code_hash TEXT
        );
        CREATE INDEX attempts_problem ON attempts (problem, started_at);
        CREATE INDEX attempts_outcome ON attempts (outcome);

        CREATE TABLE cards (
            id TEXT PRIMARY KEY,               -- stable: from file + question, or explicit
            source TEXT NOT NULL,
            topic TEXT NOT NULL,
            question TEXT NOT NULL,
            fsrs_state TEXT,                   -- fsrs Card as JSON, NULL while new
            due REAL,                          -- unix seconds, NULL while new
            introduced_on TEXT                 -- local date the card was first shown
        );
        CREATE INDEX cards_due ON cards (due);

        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            card_id TEXT NOT NULL REFERENCES cards (id),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
            reviewed_at REAL NOT NULL,
            answer TEXT
        );
        CREATE INDEX reviews_card ON reviews (card_id, reviewed_at);
        """
    )


MIGRATIONS = [m001_initial]
