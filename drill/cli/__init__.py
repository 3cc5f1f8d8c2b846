"""Command-line entry point. Commands live in one module per group; errors become exit codes here."""

import signal
import sys

from drill.cli import check, doctor, lang, practice, problems, quiz  # noqa: F401  (registers commands)
from drill.cli.app import app
from drill.errors import DrillError


def _exit_on_signal(signum, frame):
    # unwind normally so `finally` blocks stop worker processes and save session state
    raise SystemExit(128 + signum)


def _tolerate_narrow_encodings() -> None:
    """Under PYTHONIOENCODING=ascii (or a latin-1 terminal) print ? for ✓, ─ and Chinese, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main() -> None:
    _tolerate_narrow_encodings()
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        app()
    except DrillError as error:
        from drill.render import print_error

        print_error(error)
        sys.exit(error.exit_code)
    except Exception as error:
        sqlite3 = sys.modules.get("sqlite3")  # never imported: then it cannot be one of its errors
        if sqlite3 is None or not isinstance(error, sqlite3.Error):
            raise
        from drill import paths
        from drill.render import print_error
        from drill.store.db import store_error

        failure = store_error(paths.database(), error)
        print_error(failure)
        sys.exit(failure.exit_code)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
