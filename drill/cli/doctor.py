"""`drill doctor`: what isolation this machine gives an attempt (never more than it verifies)."""

import json
import os
import sys
from typing import Annotated

import typer

from drill.cli.app import app


@app.command()
def doctor(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show how `drill check` isolates an attempt on this machine: Landlock, limits, process group."""
    from drill.grading import isolation

    rows = isolation.describe()
    probe = _probe_landlock()
    rows.insert(1, ("Landlock probe", probe))
    if as_json:
        print(json.dumps({what: state for what, state in rows}))
        return
    from rich.table import Table

    from drill.render import console

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    for what, state in rows:
        table.add_row(what, state)
    console.print(table)


def _probe_landlock() -> str:
    """Fork a throwaway child, restrict it as an attempt is restricted, and try to read this file."""
    from drill.grading import landlock

    if landlock.abi_version() < 1:
        return "skipped: no Landlock"
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:  # the child: exit 0 only when the restriction really denies the read
        try:
            landlock.restrict(read=[os.devnull], write=[], hidden=[])
            open(__file__, "rb").close()
            os._exit(3)
        except PermissionError:
            os._exit(0)
        except BaseException:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return {0: "verified: a restricted process could not read drill's own files",
            3: "FAILED: a restricted process could still read drill's files"}.get(code, f"failed (code {code})")
