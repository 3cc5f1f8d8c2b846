"""`drill quiz`: concept questions from Markdown notes, scheduled with spaced repetition."""

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated

import typer

from drill.cli.app import app
from drill.errors import UsageError

DEFAULT_NEW_PER_DAY = 10


@app.command()
def quiz(
    topic: Annotated[str | None, typer.Option(help="Only cards whose topic (or notes file) matches: any case, a prefix or a part of it.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many cards in this sitting.", min=1)] = 20,
    new: Annotated[int, typer.Option("--new", help="New cards allowed per day, for each notes set.", min=0)] = DEFAULT_NEW_PER_DAY,
    notes: Annotated[list[Path] | None, typer.Option("--notes", help="A notes file or folder (repeatable; default: drill's own notes).")] = None,
    include: Annotated[str | None, typer.Option("--include", help="Also make these admonition types cards, comma-separated: note,tip,...")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="en or zh: the language of drill's own notes (default: DRILL_LANG, then `drill lang`, then en).")] = None,
    list_cards: Annotated[bool, typer.Option("--list", help="List the cards with their schedule instead of quizzing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: print JSON.")] = False,
) -> None:
    """Review concept cards: type an answer (or just press Enter), see the answer, rate 1-4 (u undoes)."""
    from drill import lang as languages
    from drill import render_quiz, terminal
    from drill.quiz import scheduler
    from drill.quiz.notes import load_notes
    from drill.quiz.session import plan, run
    from drill.store import reviews
    from drill.store.db import open_db

    language = languages.resolve(lang)
    kinds = _include(include)
    builtin = not notes
    if builtin and not languages.notes_dir(language).is_dir():
        raise UsageError(f"--lang {language}: drill's notes in that language are not installed "
                         f"({languages.notes_dir(language)} is missing). Use --lang en, or --notes with your own.")
    loaded = load_notes(notes or [languages.notes_dir(language)], kinds)
    cards = loaded.schedulable
    if not builtin:
        render_quiz.render_notes_report(loaded.skipped, loaded.thin, f"--include {','.join(sorted(loaded.skipped))}")
    if not cards:
        raise UsageError("Every card of these notes is too thin to schedule (listed above). "
                         "Write an answer under each question, indented by 4 spaces.")
    if topic:
        cards = select_topic(cards, topic)
    if not list_cards and not terminal.stdin_is_terminal():
        raise UsageError("drill quiz is interactive and needs a terminal on standard input. "
                         "Run it in a terminal, or use `drill quiz --list` to see the cards.")
    db = open_db()
    reviews.sync_cards(db, cards)
    ids = [c.id for c in cards]
    states = reviews.card_states(db, ids)
    now = scheduler.utc_now()
    if list_cards:
        rows = [_listing(c, states.get(c.id), now) for c in cards]
        if as_json:
            print(json.dumps(rows))
        else:
            render_quiz.render_card_list(rows)
        return
    which = "drill's own notes" if builtin else "these notes (" + ", ".join(str(p) for p in notes or []) + ")"
    allowance = f"{new} new a day for {which}"
    introduced = reviews.introduced_today(db, ids)
    quiz_plan = plan(cards, states, now, limit, new - introduced)
    if not quiz_plan.cards:
        next_due, by_tomorrow = reviews.upcoming(db, ids, now.timestamp())
        waiting = sum(1 for c in cards if not (states.get(c.id) and states[c.id]["fsrs_state"]))
        render_quiz.render_nothing_due(next_due, by_tomorrow, waiting, f"today's {new} for {which} are used")
        return
    render_quiz.console.print(
        f"{len(quiz_plan.cards)} cards: {quiz_plan.due} due, {quiz_plan.new} new ({allowance}, {introduced} used). "
        "Type an answer (or just Enter), then rate 1-4; u undoes the last rating, q quits.")
    twins = _ChineseTwins() if builtin and language == "en" else None
    summary = run(db, quiz_plan, TerminalQuizIO(), twin_points=twins)
    render_quiz.render_quiz_summary(summary)


def _include(option: str | None) -> frozenset:
    if not option:
        return frozenset()
    kinds = frozenset(part.strip().lower() for part in option.split(",") if part.strip())
    bad = sorted(k for k in kinds if not k.replace("-", "").replace("_", "").isalnum())
    if bad or not kinds:
        raise UsageError(f"--include {option}: give admonition types separated by commas, such as --include note,tip.")
    return kinds


def select_topic(cards: list, wanted: str) -> list:
    """Cards whose topic or notes file matches `wanted`, any case: whole, then prefix, then part of it.
    None: a UsageError that names the closest topics."""
    import difflib

    needle = " ".join(wanted.lower().split())

    def names(card):
        return (card.topic.lower(), Path(card.source).stem.replace("-", " ").replace("_", " ").lower())

    for test in (lambda n: n == needle, lambda n: n.startswith(needle),
                 lambda n: any(word.startswith(needle) for word in n.split()), lambda n: needle in n):
        chosen = [c for c in cards if any(test(n) for n in names(c))]
        if chosen:
            return chosen
    topics = sorted({c.topic for c in cards})
    close = difflib.get_close_matches(needle, [t.lower() for t in topics], n=3, cutoff=0.5)
    by_lower = {t.lower(): t for t in topics}
    suggestion = f" Did you mean: {', '.join(by_lower[t] for t in close)}?" if close else ""
    raise UsageError(f"--topic {wanted}: no card has a topic or notes file matching that.{suggestion} "
                     "`drill quiz --list` shows the topics.")


class _ChineseTwins:
    """Key points of the Chinese twin of a built-in card (same drill-id), loaded on first use."""

    def __init__(self):
        self.by_id = None

    def __call__(self, card) -> list | None:
        if self.by_id is None:
            from drill import lang as languages
            from drill.errors import NotesError
            from drill.quiz.notes import load_cards

            try:
                self.by_id = {c.id: c.key_points for c in load_cards([languages.notes_dir("zh")])}
            except NotesError:   # no Chinese edition installed
                self.by_id = {}
        return self.by_id.get(card.id)


def _listing(card, row, now) -> dict:
    from drill.quiz import scheduler

    state = row["fsrs_state"] if row else None
    due = row["due"] if row and row["due"] is not None else None
    return {
        "id": card.id, "topic": card.topic, "question": card.question, "source": f"{card.source}:{card.line}",
        "state": scheduler.state_name(state),
        "due": datetime.fromtimestamp(due, timezone.utc).isoformat() if due is not None else None,
        "due_now": due is None or due <= now.timestamp(),
    }


class TerminalQuizIO:
    """The quiz loop's terminal: prompt_toolkit for typed answers, single keys for ratings."""

    def show_question(self, card, index, total):
        from drill import render_quiz

        render_quiz.render_card_question(card, index, total)

    def ask_answer(self):
        from prompt_toolkit import prompt

        from drill.quiz.session import UNDO

        try:
            text = prompt("your answer (Enter to skip, u to undo, q to quit) > ")
        except (EOFError, KeyboardInterrupt):
            return None
        command = text.strip().lower()
        return None if command == "q" else UNDO if command == "u" else text

    def reveal(self, card, answer, covered):
        from drill import render_quiz

        render_quiz.render_card_answer(card, answer, covered)

    def ask_rating(self, intervals):
        from drill import render_quiz, terminal
        from drill.quiz.session import UNDO

        render_quiz.render_rating_keys(intervals)
        while True:
            try:
                key = terminal.read_key()
            except KeyboardInterrupt:
                return None
            if key in ("1", "2", "3", "4"):
                return int(key)
            if key in ("u", "U"):
                return UNDO
            if key in ("q", "Q", ""):
                return None

    def undone(self, card):
        from drill import render_quiz

        render_quiz.render_undone(card)

    def nothing_to_undo(self):
        from drill import render_quiz

        render_quiz.render_nothing_to_undo()
