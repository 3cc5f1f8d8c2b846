"""Which editor to open, how to make it block, and whether it takes over the terminal.

Order: --editor, then $VISUAL, then $EDITOR, then the first installed of FALLBACKS. A known GUI
editor gets its wait flag (so drill can tell when the window is closed) and drill watches the file
while it is open; any other editor is treated as a terminal editor: it blocks, and when it exits
the file is graded.
"""

import os
import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from drill.errors import UsageError

# GUI editors and the flag that makes their command wait until the file's window is closed.
GUI_WAIT_FLAGS = {
    "code": "--wait", "code-insiders": "--wait", "codium": "--wait", "vscodium": "--wait", "cursor": "--wait",
    "windsurf": "--wait", "subl": "--wait", "sublime_text": "--wait", "zed": "--wait", "zeditor": "--wait",
    "gedit": "--wait", "gnome-text-editor": "--standalone", "xed": "--wait", "pluma": "--wait", "atom": "--wait",
    "mate": "-w", "bbedit": "--wait", "kate": "--block", "gvim": "-f", "mvim": "-f", "idea": "--wait",
    "pycharm": "--wait", "charm": "--wait", "fleet": "--wait", "lapce": "--wait", "neovide": "--no-fork",
}
FALLBACKS = ("nano", "vim", "vi", "nvim", "micro", "emacs", "code", "subl", "zed", "gedit")


@dataclass
class Editor:
    argv: list            # the command, wait flag included; the file is appended
    source: str           # where it came from: --editor, $VISUAL, $EDITOR or a fallback
    gui: bool             # a window of its own: drill watches the file while it is open

    def command(self, path: Path) -> list:
        return [*self.argv, str(path)]


def program_name(program: str) -> str:
    name = Path(program).name.lower()
    for suffix in (".exe", ".cmd", ".bat", ".app"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def resolve(option: str | None = None, environ: Mapping[str, str] | None = None) -> Editor:
    """The editor to use. Raises UsageError naming the setting to fix when it cannot be run."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    for source, value in (("--editor", option), ("$VISUAL", env.get("VISUAL")), ("$EDITOR", env.get("EDITOR"))):
        if value is not None and value.strip():
            return _from_command(value, source, env)
        if source == "--editor" and value is not None:
            raise UsageError("--editor: the command is empty. Give an editor command, e.g. --editor vim "
                             "or --editor 'code --wait', or use --no-editor and edit the file elsewhere.")
    for name in FALLBACKS:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return _with_wait_flag([found], "a fallback")
    raise UsageError("No editor found: $VISUAL and $EDITOR are not set and none of "
                     f"{', '.join(FALLBACKS)} is installed. Set $EDITOR (e.g. export EDITOR=vim), pass "
                     "--editor CMD, or use --no-editor and edit the file in any editor you like.")


def _from_command(value: str, source: str, environ) -> Editor:
    try:
        argv = shlex.split(value)
    except ValueError as exc:
        raise UsageError(f"{source}: cannot parse the editor command {value!r} ({exc}). Check its quoting, "
                         "or pass --editor CMD.") from exc
    if not argv:
        raise UsageError(f"{source} is empty. Set it to an editor command or pass --editor CMD.")
    if not shutil.which(argv[0], path=environ.get("PATH")):
        fix = ("pass another --editor" if source == "--editor" else f"fix {source} or pass --editor CMD")
        raise UsageError(f"The editor `{argv[0]}` (from {source}) is not installed or not on PATH. Install it, "
                         f"{fix}, or use --no-editor and edit the file in any editor you like.")
    return _with_wait_flag(argv, source)


def _with_wait_flag(argv: list, source: str) -> Editor:
    name = program_name(argv[0])
    if name not in GUI_WAIT_FLAGS:
        return Editor(argv=argv, source=source, gui=False)
    flag = GUI_WAIT_FLAGS[name]
    waits = {"--wait", "-w", "--block", "-f", "--nofork", "--no-fork", "--standalone", "-s"}
    if flag and not waits & set(argv[1:]):
        argv = [*argv, flag]
    return Editor(argv=argv, source=source, gui=True)


def run_blocking(editor: Editor, path: Path) -> int:
    """Run a terminal editor on `path` until it exits. drill ignores Ctrl-C meanwhile: the editor
    owns the terminal (vim and nano use Ctrl-C themselves). Returns its exit code."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            process = subprocess.Popen(editor.command(path))
        except OSError as exc:
            raise UsageError(f"Cannot start the editor `{editor.argv[0]}` (from {editor.source}): {exc.strerror}. "
                             "Fix it, pass --editor CMD, or use --no-editor.") from exc
        try:
            return process.wait()
        except BaseException:
            # SIGHUP/SIGTERM unwinding drill: the editor got the same signal; do not wait forever
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            raise
    finally:
        signal.signal(signal.SIGINT, previous)


def launch(editor: Editor, path: Path) -> subprocess.Popen:
    """Start a GUI editor on `path` without waiting; its own output is kept off the terminal."""
    try:
        return subprocess.Popen(editor.command(path), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise UsageError(f"Cannot start the editor `{editor.argv[0]}` (from {editor.source}): {exc.strerror}. "
                         "Fix it, pass --editor CMD, or use --no-editor.") from exc
