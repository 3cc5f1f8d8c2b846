"""The only code that starts processes. Every failure of the attempt's process becomes a verdict.

A forkserver with torch preloaded forks one clean process per side and check, so a re-check
in a long-running drill (watch mode, `drill start`) costs a fork, not a torch import.
The attempt's process gets only a task (task.py) and its inputs; its CPU time is watched here
and its whole process group killed at the end.
"""

import multiprocessing
import os
import random
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from drill import files, paths
from drill.cases import plan_cases
from drill.errors import DrillError, UsageError
from drill.grading import rules
from drill.grading.report import Report, new_report
from drill.grading.task import EXIT_ISOLATION, EXIT_MEMORY, task_for

DEFAULT_TIMEOUT = 20.0            # seconds for the attempt's process, after it starts
DEFAULT_MEMORY_LIMIT = 4 << 30    # bytes of address space the attempt may add
REFERENCE_GRACE = 60.0            # extra seconds the trusted reference side may take
REFERENCE_MEMORY = 2 << 30        # bytes the reference side may add beyond twice the attempt's limit
WALL_FACTOR, WALL_SLACK = 3, 5.0  # wall-clock limit for an attempt that sleeps: 3 x timeout + 5 s
MAX_RESULT_BYTES = 128 << 20      # an attempt's encoded results; real ones are far smaller
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class InternalError(DrillError):
    """The reference side failed: a broken spec or a bug in drill, never the attempt's fault."""


@dataclass
class CheckOptions:
    seed: int | None = None
    cases: int | None = None
    device: str = "cpu"
    timeout: float = DEFAULT_TIMEOUT
    memory_limit: int = DEFAULT_MEMORY_LIMIT


class Grader:
    """Holds the forkserver. Create one per drill process; `check` may be called many times."""

    def __init__(self):
        self.context = multiprocessing.get_context("forkserver")
        # "__main__": the forkserver imports drill's own script once, so each forked worker finds it
        # loaded instead of importing typer and rich again (multiprocessing re-runs the main module).
        self.context.set_forkserver_preload(["__main__", "drill.grading.preload"])
        self.told_about_isolation = False

    def warm_up(self) -> None:
        """Start the forkserver (importing torch) now rather than on the first check."""
        start_forkserver()

    def check(self, spec, attempt_path: Path, options: CheckOptions | None = None, source: str | None = None) -> Report:
        options = options or CheckOptions()
        attempt_path = Path(attempt_path).resolve()
        if source is None:
            source = read_attempt(attempt_path)
        seed = options.seed if options.seed is not None else random.randrange(1, 10_000)
        started = time.perf_counter()
        report = early_verdict(spec, source, str(attempt_path), seed)
        if report is None:
            report = self._run(spec, source, str(attempt_path), seed, options)
            called = _forbidden_call(report)
            if called and not report.get("error"):
                report["error"] = {"kind": "forbidden", "message": called["message"], "line": called.get("line")}
            elif not called:
                report["warnings"] = forbidden_mentions(spec, source)
        report["seconds"] = round(time.perf_counter() - started, 3)
        report["file"] = str(attempt_path)
        if not self.told_about_isolation:  # once per drill process, and only where it is true
            self.told_about_isolation = True
            from drill.grading import landlock

            if landlock.abi_version() < 1:
                report["notice"] = ("this kernel has no Landlock: the attempt ran with your file access "
                                    "(limits and its own process group still apply); `drill doctor` says more")
        return report

    def _run(self, spec, source, filename, seed, options) -> Report:
        cases = [c.to_dict() for c in plan_cases(spec, seed, options.cases)]
        dtypes = list(spec.tests.dtypes)
        if options.device == "cuda" and "bfloat16" not in dtypes and "float32" in dtypes:
            dtypes.append("bfloat16")
        workdir = tempfile.mkdtemp(prefix="drill-attempt-")
        # The attempt's process gets this and its inputs, nothing else: no Spec, reference or mistakes.
        task = {**task_for(spec, dtypes, options.device), "code": source, "filename": filename,
                "memory_limit": options.memory_limit, "cpu_limit": options.timeout, "workdir": workdir,
                "hidden": hidden_paths(spec)}
        job = {"spec": spec, "seed": seed, "cases": cases, "dtypes": dtypes, "device": options.device,
               "filename": filename, "reference": spec.reference, "reference_filename": f"<reference of {spec.id}>",
               "reference_memory": 2 * options.memory_limit + REFERENCE_MEMORY}
        start_forkserver()
        ref_parent, ref_child = self.context.Pipe()
        att_parent, att_child = self.context.Pipe()
        inputs_r, inputs_w = self.context.Pipe(duplex=False)  # the reference hands the attempt its inputs
        from drill.grading import worker_entry

        reference = self.context.Process(target=worker_entry.reference, args=(ref_child, inputs_w, job), daemon=True)
        attempt = self.context.Process(target=worker_entry.attempt, args=(att_child, inputs_r, task), daemon=True)
        try:
            reference.start()
            attempt.start()
            for end in (ref_child, att_child, inputs_r, inputs_w):
                end.close()
            payload, fatal = _await_attempt(attempt, att_parent, options.timeout)
            if fatal:
                return new_report(spec.id, seed, error=fatal)
            try:
                ref_parent.send_bytes(payload)
            except OSError:  # the reference side already failed; its own message is waiting in the pipe
                pass
            if not ref_parent.poll(options.timeout + REFERENCE_GRACE):
                raise InternalError(f"The reference of `{spec.id}` did not finish in time ({spec.path}).")
            try:
                status, body = ref_parent.recv()
            except (EOFError, OSError):
                return new_report(spec.id, seed, error={
                    "kind": "protocol", "message": "drill's reference process ended while reading the attempt's "
                    f"results (exit code {reference.exitcode}); the results were not plain values"})
            if status != "ok":
                raise InternalError(f"The reference of `{spec.id}` failed ({spec.path}):\n{body}")
            return body
        finally:
            _kill_group(attempt)
            for process in (attempt, reference):
                if process.is_alive():
                    process.kill()
                process.join(timeout=5)
            ref_parent.close()
            att_parent.close()
            shutil.rmtree(workdir, ignore_errors=True)


def start_forkserver() -> None:
    """Start the forkserver unless it runs: with PYTHONSAFEPATH, so that it does not put the current
    directory first on sys.path (Python 3.11's forkserver ignores the sys_path it is given). Without
    it, a `drill/` folder where you run `drill check` (a submission's) was imported by the forkserver,
    outside any sandbox."""
    from multiprocessing import forkserver

    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


def hidden_paths(spec) -> list:
    """What the attempt must not read even where its readable trees hold it (an installed wheel
    keeps the problems inside the package): drill's data, every problems folder, drill itself."""
    import drill

    dirs = [paths.home(), paths.BUILTIN_PROBLEMS, paths.BUILTIN_NOTES, Path(spec.path).parent,
            Path(drill.__file__).parent]
    dirs += [Path(p) for p in os.environ.get("DRILL_PROBLEMS", "").split(os.pathsep) if p]
    return [str(d) for d in dirs]


def read_attempt(path: Path) -> str:
    try:
        return files.decode_utf8(files.read_bytes(path, "Python file", files.MAX_ATTEMPT_BYTES), path, "attempt")
    except files.UnreadableFile as exc:
        advice = " Give the path of your attempt, e.g. `drill check rope.py`." if "no such file" in str(exc) else ""
        raise UsageError(f"{exc}{advice}") from exc


def early_verdict(spec, source: str, filename: str, seed: int) -> Report | None:
    """A syntax error fails without starting any process."""
    try:
        compile(source, filename, "exec")
    except SyntaxError as exc:
        lines = source.splitlines()
        text = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else (exc.text or "")
        caret = " " * max((exc.offset or 1) - 1, 0) + "^"
        return new_report(spec.id, seed, error={
            "kind": "syntax", "message": f"SyntaxError: {exc.msg}", "line": exc.lineno,
            "traceback": [f"line {exc.lineno}: {text.rstrip()}", f"{' ' * len(f'line {exc.lineno}: ')}{caret}"]})
    except ValueError as exc:  # e.g. null bytes
        return new_report(spec.id, seed, error={"kind": "syntax", "message": str(exc), "line": None})
    private = rules.scan_private(source)
    if private:
        name, line = private[0]
        return new_report(spec.id, seed, error={
            "kind": "forbidden", "message": f"uses {name}: attempts may not touch torch's private internals (names "
            "starting with _, torch.ops, torch.overrides, its modes) or reach into the interpreter (frames, gc, "
            "ctypes, drill itself)", "line": line})
    return None


def _forbidden_call(report) -> dict | None:
    """The first forbidden call any case made: one verdict for the file, not one row per case."""
    if (report.get("error") or {}).get("kind") == "forbidden":
        return report["error"]
    return next((f for case in report["cases"] for f in case["failures"] if f.get("kind") == "forbidden"), None)


def forbidden_mentions(spec, source: str) -> list:
    """Warnings for forbidden names the file mentions: only a call fails the attempt (the run-time
    mode sees every call, by any alias); a mention in a branch that never runs is worth a word."""
    return [{"message": f"mentions {name}, which this problem forbids; it was never called, so it does not count "
                        "(calling it would fail the attempt)", "line": line}
            for name, line in rules.scan_forbidden(source, spec.forbid)]


def _await_attempt(process, conn, timeout):
    """(payload bytes, None) or (None, fatal error dict) when the process hangs, dies or exits early.

    The limit is on the attempt's CPU time, so a loaded machine (four checks on two cores) never
    turns a pass into a time-out; sleeping or blocked code meets a generous wall-clock limit instead.
    """
    started = time.monotonic()
    wall_limit = WALL_FACTOR * timeout + WALL_SLACK
    while True:
        cpu = _cpu_seconds(process.pid)
        if cpu > timeout or time.monotonic() - started > wall_limit:
            _kill_group(process)
            how = (f"used more than {timeout:g} s of CPU time (an endless loop, or far too slow)" if cpu > timeout
                   else f"did not finish within {wall_limit:g} s (it sleeps or waits for something)")
            return None, {"kind": "timeout", "message": f"{how}; `--timeout` raises the limit"}
        if conn.poll(0.05):
            try:
                return conn.recv_bytes(MAX_RESULT_BYTES), None
            except OSError as exc:
                if "bad message length" in str(exc):
                    return None, {"kind": "protocol", "message": f"sent more than {MAX_RESULT_BYTES >> 20} MB of "
                                  "results; return only the values the function is asked for"}
                break
            except EOFError:
                break
        if not process.is_alive():
            if conn.poll(0):
                try:
                    return conn.recv_bytes(MAX_RESULT_BYTES), None
                except (EOFError, OSError):
                    pass
            break
    process.join(timeout=5)
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if name == "SIGXCPU":
            return None, {"kind": "timeout", "message": f"used more than {timeout:g} s of CPU time; "
                          "`--timeout` raises the limit"}
        meaning = {"SIGSEGV": "a segmentation fault", "SIGKILL": "killed, most likely out of memory",
                   "SIGABRT": "aborted", "SIGBUS": "a bus error", "SIGFPE": "a floating-point exception"}.get(name, name)
        return None, {"kind": "crash", "message": f"the attempt's process crashed: {name} ({meaning})"}
    if code == EXIT_MEMORY:
        return None, {"kind": "memory", "message": "ran out of memory (the limit is `--memory-limit`)"}
    if code == EXIT_ISOLATION:
        return None, {"kind": "isolation", "message": "the kernel refused drill's sandbox (Landlock), so the "
                      "attempt was not run; `drill doctor` shows what this machine gives"}
    return None, {"kind": "exit", "message": f"the attempt ended its process early (exit code {code}), "
                  "e.g. with os._exit or sys.exit; return the result instead"}


def _cpu_seconds(pid) -> float:
    """User + system CPU time of a live process, from /proc (0 when it is gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def _kill_group(process) -> None:
    """The attempt leads its own process group (setsid): kill it and everything it forked."""
    if process.pid is None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
