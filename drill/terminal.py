"""Reading single keys from the terminal (menus: quiz ratings, the practice loop)."""

import os
import sys


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def read_key() -> str:
    """One key press, without Enter. '' at end of input. Ctrl-C still raises KeyboardInterrupt."""
    if not sys.stdin.isatty():
        return sys.stdin.read(1)
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        data = os.read(fd, 1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    key = data.decode("utf-8", "replace")
    return "\n" if key == "\r" else key
