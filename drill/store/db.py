"""The one place that opens the history database and brings its schema up to date."""

import sqlite3
import sys
import time
from pathlib import Path

from drill import paths
from drill.errors import StoreError
from drill.store.migrations import MIGRATIONS


def open_db(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite store, in WAL mode, migrated to the latest schema.

    A file that is not a readable SQLite database is moved aside with a timestamp and a
    fresh one is created, with a warning on stderr naming both paths.
    """
    path = path or paths.database()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {path.parent}: {exc.strerror}. "
                         "Set DRILL_HOME to a writable folder.") from exc
    try:
        return _connect_and_migrate(path)
    except sqlite3.DatabaseError as exc:
        if not _looks_corrupt(exc):
            raise store_error(path, exc) from exc
    aside = _move_aside(path)
    print(f"warning: the history database {path} was unreadable; it was moved to {aside} "
          "and a fresh one was created.", file=sys.stderr)
    try:
        return _connect_and_migrate(path)
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from exc


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) out of the way, keeping it for the user."""
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                sidecar.rename(aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise StoreError(f"The history database {path} is unreadable and could not be moved to {aside} "
                         f"({exc.strerror}). Move it away yourself, or set DRILL_HOME to another folder.") from exc
    return aside


def _connect_and_migrate(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, migrate in enumerate(MIGRATIONS[version:], start=version + 1):
            db.execute("BEGIN IMMEDIATE")
            # another process may have migrated while we waited for the lock
            if db.execute("PRAGMA user_version").fetchone()[0] >= number:
                db.execute("COMMIT")
                continue
            migrate(db)
            db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        return db
    except BaseException:
        db.close()
        raise


def _looks_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """The one message for a history database that cannot be opened, read or written.

    Damage inside the file (a page, not the header) shows only when a query reads it: then the
    file is moved aside, as open_db does for an unreadable header, and the next command starts fresh.
    """
    if isinstance(exc, sqlite3.DatabaseError) and _looks_corrupt(exc) and path.exists():
        aside = _move_aside(path)
        return StoreError(f"The history database {path} is damaged ({exc}); it was moved to {aside} and a "
                          "fresh one will be created. Run the command again. Your attempt files are untouched.")
    return StoreError(f"The history database {path} failed: {exc}. "
                      "Check that the folder is writable, the disk is not full and no other program holds it "
                      "locked, or set DRILL_HOME to another folder. Your attempt files are untouched.")
