"""Command-line entry point. Commands live in one module per group; errors become exit codes here."""

import sys

from drill.cli.app import app
from drill.cli import problems, check  # noqa: F401  (registers commands)
from drill.errors import DrillError


def main() -> None:
    try:
        app()
    except DrillError as error:
        from drill.render import print_error

        print_error(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        sys.exit(130)
