"""Noticing saves of one file, and keys, without busy waiting.

The watcher observes the file's *folder* (not the file), so editors that save by writing a temp
file and renaming it over the original — or by deleting and recreating it — are seen like any
other save. Bursts of events are debounced, a cheap stat poll backs up the OS notifications (e.g.
on network file systems), and a save whose content did not change is not reported twice.
"""

import hashlib
import os
import select
import sys
import threading
import time
from pathlib import Path

DEBOUNCE_STEP_MS = 30       # quiet time that ends a burst of events (one save is often 2-4 events)
DEBOUNCE_MAX_MS = 400       # a burst never delays the grading longer than this
POLL_SECONDS = 1.0          # stat-based safety net


class FileWatcher:
    """Wakes a select() loop (through `fileno()`) whenever the file may have changed."""

    def __init__(self, path: Path):
        self.path = Path(path).resolve()
        self._stop = threading.Event()
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._write_fd, False)
        os.set_blocking(self._read_fd, False)
        self._thread = threading.Thread(target=self._watch, name="drill-watch", daemon=True)
        self._last_digest: str | None = None
        self._last_stat = self._stat()
        self._last_poll = time.monotonic()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._read_fd, self._write_fd):
            try:
                os.close(fd)
            except OSError:
                pass

    def fileno(self) -> int:
        return self._read_fd

    def mark_seen(self, source: str) -> None:
        """Treat `source` as already handled: an identical save will not be reported."""
        self._last_digest = _digest(source)

    def changed_source(self) -> str | None:
        """The file's new content if it differs from the last one seen, else None.
        Drains the wake-ups; a missing or empty file (mid-save) counts as no change."""
        self._drain()
        self._last_stat = self._stat()
        self._last_poll = time.monotonic()
        try:
            data = self.path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            return None
        if not data.strip():
            return None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            source = data.decode("utf-8", "replace")
        digest = _digest(source)
        if digest == self._last_digest:
            return None
        self._last_digest = digest
        return source

    def poll_due(self) -> bool:
        """The stat safety net: True when the file's stat changed since the last look."""
        if time.monotonic() - self._last_poll < POLL_SECONDS:
            return False
        self._last_poll = time.monotonic()
        current = self._stat()
        if current != self._last_stat:
            self._last_stat = current
            return True
        return False

    def _stat(self):
        try:
            s = os.stat(self.path)
            return (s.st_ino, s.st_size, s.st_mtime_ns)
        except OSError:
            return None

    def _drain(self) -> None:
        try:
            while os.read(self._read_fd, 4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def _watch(self) -> None:
        import watchfiles

        name = self.path.name
        try:
            for _ in watchfiles.watch(self.path.parent, watch_filter=lambda _change, p: Path(p).name == name,
                                      debounce=DEBOUNCE_MAX_MS, step=DEBOUNCE_STEP_MS, stop_event=self._stop,
                                      rust_timeout=500, yield_on_timeout=False, recursive=False,
                                      raise_interrupt=False):
                try:
                    os.write(self._write_fd, b"x")
                except (BlockingIOError, OSError):
                    pass
        except Exception:
            # the folder vanished or notifications are unavailable: the stat poll still works
            pass


class KeyInput:
    """Single keys from stdin for a select() loop: cbreak mode on a terminal (restored on exit),
    plain bytes from a pipe. After end of input it stops offering a file descriptor."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdin
        try:
            self.fd = self.stream.fileno()
        except (OSError, ValueError, AttributeError):
            self.fd = None
        self.tty = self.fd is not None and os.isatty(self.fd)
        self._saved = None
        self.closed = self.fd is None

    def __enter__(self):
        if self.tty:
            import termios
            import tty

            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc):
        self.restore()

    def restore(self) -> None:
        if self._saved is not None:
            import termios

            saved, self._saved = self._saved, None
            try:
                termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)
            except (termios.error, OSError):   # the terminal was closed (SIGHUP): nothing to restore
                pass

    def read(self) -> str | None:
        """The key waiting on stdin ('\\n' for Enter), or None at end of input."""
        try:
            data = os.read(self.fd, 1)
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return None
        key = data.decode("utf-8", "replace")
        return "\n" if key == "\r" else key


def wait(watcher: FileWatcher, keys: KeyInput | None, timeout: float) -> tuple:
    """Block until a save, a key or the timeout: ("change", None) | ("key", str) | ("eof", None) | ("tick", None)."""
    fds = [watcher.fileno()]
    if keys is not None and not keys.closed:
        fds.append(keys.fd)
    ready, _, _ = select.select(fds, [], [], timeout)
    if keys is not None and not keys.closed and keys.fd in ready:
        key = keys.read()
        return ("eof", None) if key is None else ("key", key)
    if watcher.fileno() in ready or watcher.poll_due():
        return ("change", None)
    return ("tick", None)


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()
