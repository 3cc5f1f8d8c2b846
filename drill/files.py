"""Reading a file a person hands drill (an attempt, a spec, notes): regular files of sane size only.

A FIFO, a device such as /dev/zero or a multi-gigabyte file would otherwise hang drill or
exhaust its memory; each gets a clear one-paragraph error instead.
"""

import os
import stat
from pathlib import Path

MAX_ATTEMPT_BYTES = 1_000_000     # a solution is a few kB; a megabyte is already absurd
MAX_SPEC_BYTES = 1_000_000


class UnreadableFile(Exception):
    """Why a file cannot be read, in words that name it; callers wrap it in their own error type."""


def read_bytes(path: Path, what: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes, or UnreadableFile saying what is wrong."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise UnreadableFile(f"{path}: no such file.") from exc
    except IsADirectoryError as exc:
        raise UnreadableFile(f"{path} is a folder; give the path of one {what}.") from exc
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot read it ({exc.strerror}). Check its permissions.") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile(f"{path} is a folder; give the path of one {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{path} is not a regular file (a pipe, socket or device); "
                                 f"save the {what} to a file and give that path.")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"{path} is {info.st_size:,} bytes, too large for a {what} (at most "
                                 f"{max_bytes:,}). Check that this is the file you meant.")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot read it ({exc.strerror}).") from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:  # it grew while we read
        raise UnreadableFile(f"{path} is larger than {max_bytes:,} bytes, the limit for a {what}.")
    return data


def decode_utf8(data: bytes, path: Path, what: str) -> str:
    """UTF-8 text (a leading byte-order mark, as some Windows editors write, is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                             f"{exc.start}); save the {what} as UTF-8.") from exc
