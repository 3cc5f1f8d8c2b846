"""What several test modules share: where the checkout is, the installed `drill`, and small helpers."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DRILL = shutil.which("drill") or str(Path(sys.executable).parent / "drill")

CORRECT_SOFTMAX = ("# drill: softmax\nimport torch\n\n\ndef softmax(x, dim=-1):\n"
                   "    e = (x - x.amax(dim=dim, keepdim=True)).exp()\n    return e / e.sum(dim=dim, keepdim=True)\n")


def run_drill(*args, input=None, timeout=120, env=None, cwd=None):
    """Run the installed `drill` command; returns the CompletedProcess (text)."""
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run([DRILL, *map(str, args)], capture_output=True, text=True, input=input,
                          timeout=timeout, env=full_env, cwd=cwd)


def attempt_rows(drill_home):
    """Every row of the attempts table of a DRILL_HOME's database, oldest first."""
    db = sqlite3.connect(drill_home / "drill.db")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM attempts ORDER BY id")]
    finally:
        db.close()
