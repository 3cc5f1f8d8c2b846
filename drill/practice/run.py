"""The practice loops. `Practice` drives one timed attempt: a terminal editor (edit → grade → menu)
or watch mode (--no-editor, or a GUI editor: every save is graded). `watch_check` is the watch
behind `drill check FILE --watch`. Output goes through drill.render / drill.render_practice.
"""

import random
import time
from pathlib import Path

from drill.errors import UsageError
from drill.practice import editor as editors
from drill.practice.session import Session, code_hash
from drill.practice.watch import FileWatcher, KeyInput, wait

SOLVED, QUIT, GAVE_UP, NO_TERMINAL = 0, 0, 1, 1   # exit codes


def choose_problem(specs: list, solved: dict, rng: random.Random | None = None):
    """The next problem: the first unsolved in catalog order (a random unsolved one with `rng`);
    when all are solved, the one solved longest ago. `specs` is already filtered."""
    unsolved = [s for s in specs if s.id not in solved]
    if unsolved:
        return rng.choice(unsolved) if rng else unsolved[0]
    pool = sorted(specs, key=lambda s: solved[s.id])
    return rng.choice(pool) if rng else pool[0]


def create_attempt_file(spec, folder: Path, now: float) -> Path:
    """A NEW file holding the scaffold; an existing file is never overwritten (exclusive create)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    for n in range(1, 1000):
        path = folder / (f"{spec.id}-{stamp}.py" if n == 1 else f"{spec.id}-{stamp}-{n}.py")
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(spec.scaffold)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free file name for {spec.id} in {folder}")


class Practice:
    def __init__(self, spec, session: Session, grader, check_options, editor=None, best_seconds=None):
        self.spec = spec
        self.session = session
        self.grader = grader
        self.options = check_options
        self.editor = editor                # None: --no-editor
        self.best_seconds = best_seconds    # callable(attempt_id) -> previous best solve, or None
        self.path = Path(session.attempt["file"])

    @property
    def watch_mode(self) -> bool:
        return self.editor is None or self.editor.gui

    def run(self) -> int:
        from drill import render_practice as out

        try:
            return self._watch() if self.watch_mode else self._edit_loop()
        finally:
            if self.session.running:   # Ctrl-C, closed terminal, an error: keep the attempt, stop its clock
                self.session.pause()
                try:
                    out.kept_open(self.spec.id, self.path, self.session.elapsed())
                except OSError:
                    pass

    # ---- terminal editor: edit, grade, menu ----------------------------------------------
    def _edit_loop(self) -> int:
        from drill import render_practice as out
        from drill import terminal
        from drill.grading.runner import read_attempt

        while True:
            editors.run_blocking(self.editor, self.path)
            if self._grade(read_attempt(self.path)):
                return SOLVED
            if not terminal.stdin_is_terminal():
                self.session.pause()
                out.kept_open(self.spec.id, self.path, self.session.elapsed(),
                              reason="Not passing yet, and standard input is not a terminal, so there is no menu.")
                return NO_TERMINAL
            out.menu()
            while True:
                try:
                    key = terminal.read_key()
                except EOFError:
                    key = ""
                if key in ("\n", " ", "e"):
                    break
                if key in ("h", "H"):
                    self._hint()
                elif key in ("s", "S"):
                    return self._give_up()
                elif key in ("q", "Q", "", "\x04"):
                    return self._quit()

    # ---- watch mode: every save is graded --------------------------------------------------
    def _watch(self) -> int:
        from drill import render_practice as out
        from drill.grading.runner import read_attempt

        closed_noted = False
        keys_help = ("Enter reopens the editor · " if self.editor else "") + out.WATCH_KEYS
        with FileWatcher(self.path) as watcher, KeyInput() as keys:
            source = read_attempt(self.path)   # watched from before the editor opens: no save is missed
            watcher.mark_seen(source)
            process = editors.launch(self.editor, self.path) if self.editor else None
            out.watching(self.path, keys_help)
            if source != self.spec.scaffold and code_hash(source) != self.session.attempt["code_hash"]:
                if self._grade(source):      # saved while drill was not watching
                    return SOLVED
            while True:
                event, key = wait(watcher, keys, timeout=1.0)
                if event == "change":
                    changed = watcher.changed_source()
                    if changed is not None and self._grade(changed):
                        return SOLVED
                elif event == "key":
                    if key == "\n" and self.editor and (process is None or process.poll() is not None):
                        process, closed_noted = editors.launch(self.editor, self.path), False
                    elif key in ("h", "H"):
                        self._hint()
                    elif key in ("s", "S"):
                        return self._give_up()
                    elif key in ("q", "Q", "\x04"):
                        return self._quit()
                elif event == "eof":
                    out.notice("Standard input closed: keys are off. Still watching; Ctrl-C stops and keeps "
                               "the attempt open.", style="dim")
                if process is not None and not closed_noted and process.poll() is not None:
                    closed_noted = True
                    out.notice(f"The editor closed. Still watching {self.path.name}: Enter reopens it, q quits.",
                               style="dim")
                out.clock(self.session.elapsed(), self.spec.minutes, keys_help)

    # ---- shared steps -----------------------------------------------------------------------
    def _grade(self, source: str) -> bool:
        from drill import render
        from drill import render_practice as out

        out.clear_clock()
        report = self.grader.check(self.spec, self.path, self.options, source=source)
        render.render_report(report)
        self.session.record_check(source, report["passed"])
        if report["passed"]:
            attempt = self.session.attempt
            best = self.best_seconds(attempt["id"]) if self.best_seconds else None
            out.solved(self.spec.id, attempt["active_seconds"], self.spec.minutes, best)
        return report["passed"]

    def _hint(self) -> None:
        from drill import render_practice as out

        total = len(self.spec.hints)
        index = self.session.next_hint(total)
        if index is None:
            out.no_more_hints(total)
        else:
            out.hint(index, total, self.spec.hints[index])

    def _give_up(self) -> int:
        from drill import render_practice as out

        self.session.give_up_with_file()
        out.solution(self.spec)
        out.gave_up(self.spec.id, self.session.attempt["active_seconds"])
        return GAVE_UP

    def _quit(self) -> int:
        from drill import render_practice as out

        self.session.pause()
        out.kept_open(self.spec.id, self.path, self.session.elapsed())
        return QUIT


def watch_check(spec, path: Path, grader, options, on_report, on_start=None) -> int:
    """`drill check FILE --watch`: grade now and on every save until q (exit code of the last grading)."""
    from drill.grading.runner import read_attempt

    path = Path(path)
    source = read_attempt(path)
    with FileWatcher(path) as watcher, KeyInput() as keys:
        watcher.mark_seen(source)
        report = grader.check(spec, path, options, source=source)
        on_report(report)
        if on_start:
            on_start()
        while True:
            event, key = wait(watcher, keys, timeout=1.0)
            if event == "change":
                changed = watcher.changed_source()
                if changed is not None:
                    report = grader.check(spec, path, options, source=changed)
                    on_report(report)
            elif event == "key" and key == "\n":
                try:
                    source = read_attempt(path)
                except UsageError as error:  # saved by rename, deleted for a moment: keep watching
                    from drill.render import print_warning

                    print_warning(f"{error.message} Still watching: save the file to grade it, q quits.")
                    continue
                report = grader.check(spec, path, options, source=source)
                on_report(report)
            elif event == "key" and key in ("q", "Q", "\x04"):
                return 0 if report["passed"] else 1
