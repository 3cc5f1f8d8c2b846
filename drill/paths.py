"""Where drill keeps its data: DRILL_HOME if set, else the platform's user data dir."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILTIN_PROBLEMS = REPO_ROOT / "problems"
BUILTIN_NOTES = REPO_ROOT / "docs" / "notes"


def home() -> Path:
    override = os.environ.get("DRILL_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("drill", appauthor=False))


def database() -> Path:
    return home() / "drill.db"


def workspace() -> Path:
    return home() / "workspace"
