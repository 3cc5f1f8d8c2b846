"""Domain errors. The CLI maps them to exit codes in one place (drill.cli.main)."""


class DrillError(Exception):
    """An error that is the user's input's fault: printed as one paragraph, exit code 2."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(DrillError):
    """A bad option, a missing file, an unknown problem id."""


class SpecError(DrillError):
    """A malformed problem spec; the message names the file, line and field."""


class NotesError(DrillError):
    """Notes that cannot be read (missing folder, no cards, undecodable bytes)."""


class StoreError(DrillError):
    """The history database cannot be opened or written (read-only dir, full disk)."""
