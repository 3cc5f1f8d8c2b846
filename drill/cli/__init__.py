"""Command-line entry point. Commands live in one module per group; errors become exit codes here."""

import signal
import sys

from drill.cli.app import app
from drill.cli import check, practice, problems, quiz  # noqa: F401  (registers commands)
from drill.errors import DrillError


def _exit_on_signal(signum, frame):
    # unwind normally so `finally` blocks stop worker processes and save session state
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        app()
    except DrillError as error:
        from drill.render import print_error

        print_error(error)
        sys.exit(error.exit_code)
    except Exception as error:  # noqa: BLE001
        if type(error).__module__ != "sqlite3":  # sqlite3 is not imported just to name its errors
            raise
        from drill import paths
        from drill.errors import StoreError
        from drill.render import print_error

        print_error(StoreError(f"The history database {paths.database()} failed: {error}. Check that the disk is "
                               "not full and no other program holds it locked, or set DRILL_HOME to another "
                               "folder. Your attempt files are untouched."))
        sys.exit(StoreError.exit_code)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
