"""The history database: migrations, recovery from corruption, concurrent writers, unwritable homes."""

import subprocess
import sys
import textwrap

import pytest

from drill.errors import StoreError
from drill.store.db import open_db
from drill.store.migrations import MIGRATIONS


def test_fresh_database_is_migrated_to_the_latest_schema(tmp_path):
    db = open_db(tmp_path / "drill.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"attempts", "cards", "reviews"} <= tables


def test_reopening_keeps_data(tmp_path):
    path = tmp_path / "drill.db"
    open_db(path).execute("INSERT INTO attempts (problem, file, started_at) VALUES ('rope', 'f.py', 1)")
    assert open_db(path).execute("SELECT problem FROM attempts").fetchone()[0] == "rope"


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_database_is_moved_aside_with_a_warning(tmp_path, capsys, damage):
    path = tmp_path / "drill.db"
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 200)
    else:
        db = open_db(path)
        for i in range(300):
            db.execute("INSERT INTO attempts (problem, file, started_at) VALUES (?, ?, ?)", ("p" * 50, "f" * 200, i))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        data = path.read_bytes()
        path.write_bytes(data[:100] + b"\x00" * 50 + data[150: len(data) // 2])
    db = open_db(path)
    assert db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0
    moved = list(tmp_path.glob("drill.db.corrupt-*"))
    assert len([m for m in moved if not m.name.endswith(("-wal", "-shm"))]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "corrupt-" in err


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "drill.db"
    open_db(path).close()
    writer = textwrap.dedent(f"""
        from pathlib import Path
        from drill.store.db import open_db
        db = open_db(Path({str(path)!r}))
        for i in range(200):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO attempts (problem, file, started_at) VALUES ('p', 'f', ?)", (i,))
            db.execute("COMMIT")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", writer]) for _ in range(2)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert open_db(path).execute("SELECT count(*) FROM attempts").fetchone()[0] == 400


def test_unwritable_home_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as raised:
        open_db(blocker / "sub" / "drill.db")
    assert str(blocker / "sub") in raised.value.message
    assert "DRILL_HOME" in raised.value.message


def test_full_disk_gives_a_clear_error(tmp_path):
    """A file-size limit makes every write fail as on a full disk."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        from pathlib import Path
        from drill.errors import StoreError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            db = open_db = __import__("drill.store.db", fromlist=["open_db"]).open_db(Path({str(tmp_path / "d.db")!r}))
        except StoreError as e:
            print("STORE", e.message)
            sys.exit(0)
        print("opened")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "STORE" in result.stdout and "disk" in result.stdout
