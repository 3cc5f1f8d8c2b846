"""`drill start`, `drill stats`, `drill history` and `drill solution`."""

import json
from pathlib import Path
from typing import Annotated

import typer

from drill.cli.app import app
from drill.cli.common import ProblemsDirOption, SeedOption, load_catalog_or_warn
from drill.cli.lang import LangOption
from drill.errors import UsageError


@app.command()
def start(
    problem: Annotated[str | None, typer.Argument(metavar="[ID]", help="Problem id (default: the next one you have not solved).")] = None,
    topic: Annotated[str | None, typer.Option(help="Without an ID: pick from this topic.")] = None,
    difficulty: Annotated[str | None, typer.Option(help="Without an ID: pick easy, medium or hard.")] = None,
    shuffle: Annotated[bool, typer.Option("--random", help="Without an ID: pick a random unsolved problem.")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the latest unfinished attempt (at ID, or at any problem).")] = False,
    folder: Annotated[Path | None, typer.Option("--dir", help="Folder for the new attempt file (default: the workspace in the data dir).")] = None,
    editor: Annotated[str | None, typer.Option("--editor", help="Editor command, e.g. vim or 'code --wait' (default: $VISUAL, $EDITOR, then nano, vim, ...).")] = None,
    no_editor: Annotated[bool, typer.Option("--no-editor", help="Open no editor: edit the file anywhere; every save is graded.")] = False,
    seed: SeedOption = None,
    problems_dir: ProblemsDirOption = None,
    language: LangOption = None,
) -> None:
    """Timed practice: a fresh scaffold in your editor, a running clock, grading on every save."""
    import random
    import time

    from drill import lang, paths, render_practice
    from drill.grading.runner import CheckOptions, Grader
    from drill.practice import editor as editors
    from drill.practice.run import Practice, choose_problem, create_attempt_file
    from drill.practice.session import Session
    from drill.store import attempts
    from drill.store.db import open_db

    chosen_lang = lang.resolve(language)
    if editor is not None and no_editor:
        raise UsageError("--editor and --no-editor contradict each other; pass one of them.")
    if resume and (folder is not None or shuffle):
        raise UsageError(f"--resume continues an attempt in its own file; drop {'--dir' if folder is not None else '--random'}.")
    if problem and (topic or difficulty or shuffle):
        raise UsageError("--topic, --difficulty and --random choose a problem when no ID is given; "
                         f"drop them or drop the ID `{problem}`.")
    if folder is not None and folder.expanduser().exists() and not folder.expanduser().is_dir():
        raise UsageError(f"--dir {folder}: that is a file, not a folder. Give a folder for the attempt files.")
    catalog = load_catalog_or_warn(problems_dir)
    spec = catalog.get(problem) if problem else None
    chosen_editor = None if no_editor else editors.resolve(editor)   # fail before creating anything
    db = open_db()
    attempt = attempts.latest_open(db, spec.id if spec else None) if resume else None
    if resume and attempt is None:
        render_practice.notice(f"No unfinished attempt{' at ' + spec.id if spec else ''} to resume; starting a new one.")
    resumed = attempt is not None
    if attempt is not None:
        if attempt["problem"] not in catalog.specs:
            raise UsageError(f"Your unfinished attempt {attempt['id']} is at `{attempt['problem']}`, which is not in "
                             "the catalog any more (a removed --problems-dir?). Pass the same --problems-dir, or start another problem.")
        spec = lang.localized(catalog.get(attempt["problem"]), chosen_lang)
        path = Path(attempt["file"])
        if not path.is_file():
            raise UsageError(f"The file of your unfinished attempt at {spec.id}, {path}, is gone. "
                             f"`drill start {spec.id}` starts afresh in a new file.")
    else:
        if spec is None:
            spec = choose_problem(_filtered(catalog, topic, difficulty), attempts.solved_problems(db),
                                  random.Random() if shuffle else None)
        elif not resume and (old := attempts.latest_open(db, spec.id)):
            render_practice.notice(f"You have an unfinished attempt at {spec.id} ({old['file']}); this starts a new one. "
                                   f"`drill start {spec.id} --resume` would continue the old one.", style="dim")
        spec = lang.localized(spec, chosen_lang)   # the scaffold's prompt comment and the hints
        now = time.time()
        target = (folder.expanduser() if folder is not None else paths.workspace() / spec.id)
        try:
            path = create_attempt_file(spec, target, now)
        except OSError as exc:
            raise UsageError(f"Cannot create the attempt file in {target}: {exc.strerror or exc}. "
                             "Pass --dir with a writable folder.") from exc
        attempt = attempts.get(db, attempts.create(db, spec.id, str(path.resolve()), now))
    assert attempt is not None  # resumed, or the row just created
    grader = Grader()
    grader.warm_up()   # torch loads in the forkserver while you read the prompt
    session = Session(attempt, save=lambda a: attempts.save(db, a))
    if resumed:
        session.resume(last_activity=Path(attempt["file"]).stat().st_mtime)
    note = ("--no-editor: edit the file in any editor; every save is graded." if chosen_editor is None else
            f"editor: {' '.join(chosen_editor.argv)} ({chosen_editor.source})"
            + ("; every save is graded" if chosen_editor.gui else "; the file is graded when you close it"))
    render_practice.render_start(spec, attempt["file"], attempt["hints_used"], resumed, session.elapsed(), note)
    practice = Practice(spec, session, grader, CheckOptions(seed=seed), chosen_editor,
                        best_seconds=lambda attempt_id: attempts.best_seconds(db, spec.id, exclude_id=attempt_id))
    raise typer.Exit(practice.run())


def _filtered(catalog, topic, difficulty) -> list:
    specs = catalog.filtered(topic, difficulty)
    if not specs:
        raise UsageError(f"No problem is {difficulty or ''}{' in topic ' + topic if topic else ''}. `drill list` shows them all.")
    return specs


@app.command()
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    weeks: Annotated[int, typer.Option(help="Weeks shown in the calendar.", min=1, max=104)] = 16,
) -> None:
    """Per problem best and last time, attempts, solve rate and hints; totals, streak, calendar."""
    from datetime import date, timedelta

    from drill import render_practice
    from drill.store import attempts, reviews
    from drill.store.db import open_db

    db = open_db()
    today = date.today()
    days = attempts.practice_days(db)
    current, longest = attempts.streaks(days, today)
    start_day = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    data = {
        "problems": [_round(p) for p in attempts.per_problem(db)],
        "totals": attempts.totals(db),
        "streak": {"current": current, "longest": longest},
        "days": dict(sorted(days.items())),
        "calendar_start": start_day.isoformat(),
        "calendar": attempts.calendar(days, today, weeks),
        "quiz": reviews.quiz_stats(db),
    }
    if as_json:
        print(json.dumps(data))
        return
    targets = {}
    if data["problems"]:
        from drill.catalog import load_catalog

        try:
            targets = {s.id: s.minutes for s in load_catalog().specs.values()}
        except Exception:  # a missing user folder must not break stats
            targets = {}
    render_practice.render_stats(data, targets)


def _round(row: dict) -> dict:
    for key in ("best_seconds", "last_seconds"):
        if row.get(key) is not None:
            row[key] = round(row[key], 1)
    return row


@app.command()
def history(
    problem: Annotated[str | None, typer.Argument(metavar="[ID]", help="Only attempts at this problem.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many attempts (newest first); 0 for all.", min=0)] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Your attempts, newest first: time, outcome, hints, checks and the file."""
    import time

    from drill import render_practice
    from drill.store import attempts
    from drill.store.db import open_db

    rows = attempts.history(open_db(), problem, limit or None)
    if problem and not rows:
        load_catalog_or_warn(problems_dir).get(problem)  # an unknown id: the usual error with close matches
    now = time.time()
    for row in rows:
        running = (now - row["segment_started_at"]) if row["outcome"] == "open" and row["segment_started_at"] else 0
        row["seconds"] = round(row["active_seconds"] + max(0.0, running), 1)
    if as_json:
        print(json.dumps(rows))
        return
    render_practice.render_history(rows, problem)


@app.command()
def solution(
    problem: Annotated[str, typer.Argument(metavar="ID", help="Problem id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Reveal without asking, even with an attempt open (it is recorded as given up).")] = False,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Show the reference solution. With an attempt open, asks first and records the give-up."""
    from drill import render_practice, terminal
    from drill.practice.session import Session
    from drill.store import attempts
    from drill.store.db import open_db

    spec = load_catalog_or_warn(problems_dir).get(problem)
    db = open_db()
    unfinished = attempts.open_attempts(db, spec.id)
    if unfinished and not yes:
        if not terminal.stdin_is_terminal():
            raise UsageError(f"You have an unfinished attempt at {spec.id}; revealing the solution records it as "
                             "given up. Standard input is not a terminal, so drill cannot ask: pass --yes to reveal anyway.")
        render_practice.notice(f"You have an unfinished attempt at {spec.id} ({unfinished[-1]['file']}). "
                               "Reveal the solution and record it as given up? [y/N] ")
        if terminal.read_key().lower() != "y":
            render_practice.notice("Not revealed; your attempt stays open.", style="dim")
            raise typer.Exit(1)
    for attempt in unfinished:
        session = Session(attempt, save=lambda a: attempts.save(db, a))
        if session.running:   # another drill may hold it; its clock stops here
            session.pause()
        session.give_up_with_file()
    render_practice.solution(spec)
    if unfinished:
        render_practice.notice(f"Recorded {len(unfinished)} unfinished attempt{'s' if len(unfinished) > 1 else ''} "
                               f"at {spec.id} as given up.", style="dim")
