"""Where drill keeps its data: DRILL_HOME if set, else the platform's user data dir."""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# An installed wheel carries the problems and notes inside the package (pyproject.toml maps them);
# a checkout or an editable install reads problems/ and docs/notes/ at the top of the repository.
_INSTALLED = PACKAGE / "builtin_problems"
BUILTIN_PROBLEMS = _INSTALLED if _INSTALLED.is_dir() else PACKAGE.parent / "problems"
BUILTIN_NOTES = PACKAGE / "builtin_notes" if _INSTALLED.is_dir() else PACKAGE.parent / "docs" / "notes"


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
