"""Where drill keeps its data: DRILL_HOME if set, else the platform's user data dir."""

import os
from pathlib import Path

# An installed wheel carries the problems and notes inside the package (pyproject.toml maps them);
# a checkout or an editable install reads problems/ and docs/notes/ at the top of the repository.
_PACKAGE = Path(__file__).resolve().parent
if (_PACKAGE / "builtin_problems").is_dir():
    BUILTIN_PROBLEMS, BUILTIN_NOTES = _PACKAGE / "builtin_problems", _PACKAGE / "builtin_notes"
else:
    BUILTIN_PROBLEMS, BUILTIN_NOTES = _PACKAGE.parent / "problems", _PACKAGE.parent / "docs" / "notes"


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
