"""The timed attempt: a small state machine over one `attempts` row, with the clock injected.

States: running (the clock runs), paused (quit; resumed later), solved, gave_up. Only active time
counts: pausing folds the running segment into `active_seconds`, and the time between a quit and a
resume is never added. Every transition is saved at once through `save` (a function taking the
attempt dict), so a crash loses at most the running segment — and even that is recovered on resume
up to the file's last save (see `resume`).
"""

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

Clock = Callable[[], float]


class AttemptClosed(Exception):
    """A transition was asked of an attempt that is already solved or given up."""


def code_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


class Session:
    def __init__(self, attempt: dict, save: Callable[[dict], object], clock: Clock = time.time):
        self.attempt = attempt
        self._save = save
        self.clock = clock

    # ---- queries -------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.attempt["outcome"] == "open"

    @property
    def running(self) -> bool:
        return self.is_open and self.attempt["segment_started_at"] is not None

    def elapsed(self) -> float:
        """Active seconds so far, including the running segment."""
        a = self.attempt
        running = (self.clock() - a["segment_started_at"]) if a["segment_started_at"] is not None else 0.0
        return a["active_seconds"] + max(0.0, running)

    # ---- transitions ---------------------------------------------------------------------
    def resume(self, last_activity: float | None = None) -> None:
        """Start the clock again. A segment left running by a process that died without pausing
        (SIGKILL, power loss) is closed at `last_activity` (e.g. the file's last save), never later
        than now, so the dead time does not count."""
        self._require_open()
        a = self.attempt
        now = self.clock()
        if a["segment_started_at"] is not None:
            end = now if last_activity is None else min(max(last_activity, a["segment_started_at"]), now)
            a["active_seconds"] += end - a["segment_started_at"]
        a["segment_started_at"] = now
        self._save(a)

    def pause(self) -> None:
        """Stop the clock (quit, Ctrl-C, closed terminal); the attempt stays open."""
        if not self.running:
            return
        self._fold()
        self._save(self.attempt)

    def record_check(self, source: str, passed: bool) -> None:
        """One grading of the file; a pass solves the attempt."""
        self._require_open()
        a = self.attempt
        a["checks_run"] += 1
        a["code_hash"] = code_hash(source)
        if passed:
            self._finish("solved")
        else:
            self._save(a)

    def next_hint(self, available: int) -> int | None:
        """Index of the hint to show next, counting it as used; None when all are shown."""
        self._require_open()
        a = self.attempt
        if a["hints_used"] >= available:
            return None
        a["hints_used"] += 1
        self._save(a)
        return a["hints_used"] - 1

    def give_up(self, source: str | None = None) -> None:
        self._require_open()
        if source is not None:
            self.attempt["code_hash"] = code_hash(source)
        self._finish("gave_up")

    def give_up_with_file(self) -> None:
        """Give up, recording the hash of the attempt file as it is now (if it can still be read)."""
        try:
            source = Path(self.attempt["file"]).read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = None
        self.give_up(source)

    # ---- internals -----------------------------------------------------------------------
    def _fold(self) -> None:
        a = self.attempt
        if a["segment_started_at"] is not None:
            a["active_seconds"] += max(0.0, self.clock() - a["segment_started_at"])
            a["segment_started_at"] = None

    def _finish(self, outcome: str) -> None:
        self._fold()
        self.attempt["outcome"] = outcome
        self.attempt["ended_at"] = self.clock()
        self._save(self.attempt)

    def _require_open(self) -> None:
        if not self.is_open:
            raise AttemptClosed(f"attempt {self.attempt.get('id')} is already {self.attempt['outcome']}")
