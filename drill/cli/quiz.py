"""`drill quiz`: concept questions from Markdown notes, scheduled with spaced repetition."""

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Optional

import typer

from drill.cli.app import app
from drill.errors import UsageError

DEFAULT_NEW_PER_DAY = 10


@app.command()
def quiz(
    topic: Annotated[Optional[str], typer.Option(help="Only cards whose topic contains this text.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many cards in this sitting.", min=1)] = 20,
    new: Annotated[int, typer.Option("--new", help="New cards allowed per day.", min=0)] = DEFAULT_NEW_PER_DAY,
    notes: Annotated[Optional[list[Path]], typer.Option("--notes", help="A notes file or folder (repeatable; default: drill's own notes).")] = None,
    list_cards: Annotated[bool, typer.Option("--list", help="List the cards with their schedule instead of quizzing.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: print JSON.")] = False,
) -> None:
    """Review concept cards: type an answer (or just press Enter), see the answer, rate 1-4."""
    from drill import lang, render, terminal
    from drill.quiz import scheduler
    from drill.quiz.notes import load_cards
    from drill.quiz.session import plan, run
    from drill.store import reviews
    from drill.store.db import open_db

    cards = load_cards(notes or lang.notes_paths("en"))   # not the folder: it holds zh/ too
    if topic:
        cards = [c for c in cards if topic.lower() in c.topic.lower()]
        if not cards:
            raise UsageError(f"--topic {topic}: no card has a topic containing that text. "
                             "`drill quiz --list` shows the topics.")
    if not list_cards and not terminal.stdin_is_terminal():
        raise UsageError("drill quiz is interactive and needs a terminal on standard input. "
                         "Run it in a terminal, or use `drill quiz --list` to see the cards.")
    db = open_db()
    reviews.sync_cards(db, cards)
    states = reviews.card_states(db, [c.id for c in cards])
    now = scheduler.utc_now()
    if list_cards:
        rows = [_listing(c, states.get(c.id), now) for c in cards]
        if as_json:
            print(json.dumps(rows))
        else:
            render.render_card_list(rows)
        return
    quiz_plan = plan(cards, states, now, limit, new - reviews.introduced_today(db))
    if not quiz_plan.cards:
        render.console.print("Nothing is due and today's new cards are done. "
                             "Come back later, or raise the allowance with --new.")
        return
    render.console.print(f"{len(quiz_plan.cards)} cards: {quiz_plan.due} due, {quiz_plan.new} new. "
                         "Type an answer (or just Enter), then rate 1-4; q quits.")
    summary = run(db, quiz_plan, TerminalQuizIO())
    render.render_quiz_summary(summary)


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
        from drill import render

        render.render_card_question(card, index, total)

    def ask_answer(self):
        from prompt_toolkit import prompt

        try:
            text = prompt("your answer (Enter to skip, q to quit) > ")
        except (EOFError, KeyboardInterrupt):
            return None
        return None if text.strip().lower() == "q" else text

    def reveal(self, card, answer, covered):
        from drill import render

        render.render_card_answer(card, answer, covered)

    def ask_rating(self):
        from drill import render, terminal

        render.console.print("rate: [bold]1[/bold] again · [bold]2[/bold] hard · [bold]3[/bold] good · "
                             "[bold]4[/bold] easy · [bold]q[/bold] quit")
        while True:
            try:
                key = terminal.read_key()
            except KeyboardInterrupt:
                return None
            if key in ("1", "2", "3", "4"):
                return int(key)
            if key in ("q", "Q", ""):
                return None
