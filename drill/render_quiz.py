"""What `drill quiz` prints: the card, the answer with the key points, the rating keys, the summary."""

import time

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from drill.quiz.math import render_math
from drill.render import console, err_console

RATING_KEYS = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def render_card_question(card, index: int, total: int) -> None:
    console.print(Panel(Text(render_math(card.question), style="bold"), title=f"{index}/{total} · {card.topic}",
                        title_align="left", border_style="cyan"))


def render_card_answer(card, answer: str, covered: list) -> None:
    from rich.markdown import Markdown  # markdown-it: 30 ms that `--list` does not need

    console.print(Panel(Markdown(render_math(card.answer, markdown=True)), title="answer", title_align="left",
                        border_style="green"))
    if not answer.strip():
        return
    if not covered:   # a card without key points: the answer alone, nothing to count
        console.print(Panel(Text(answer.strip()), title="your answer", title_align="left", border_style="blue"))
        return
    marks = Text()
    for point, hit in covered:
        marks.append(("✓ " if hit else "· ") + render_math(point) + "\n", style="green" if hit else "dim")
    console.print(Panel(Group(Text(answer.strip()), Text(""), marks),
                        title=f"your answer: {sum(h for _, h in covered)}/{len(covered)} key points",
                        title_align="left", border_style="blue"))


def render_rating_keys(intervals: dict) -> None:
    """The four keys with the next interval under each, as Anki shows them; then undo and quit."""
    grid = Table.grid(padding=(0, 3))
    for _ in range(5):
        grid.add_column(justify="center")
    grid.add_row(*(Text.assemble((str(r), "bold"), f" {name}") for r, name in RATING_KEYS.items()),
                 Text.assemble(("u", "bold"), " undo · ", ("q", "bold"), " quit"))
    grid.add_row(*(Text(intervals[r], style="dim") for r in RATING_KEYS), Text(""))
    console.print(Text("rate:"), grid)


def render_undone(card) -> None:
    console.print(Text(f"Undone: the last rating of “{card.question}”; it is asked again.", style="yellow"))


def render_nothing_to_undo() -> None:
    console.print(Text("Nothing to undo yet in this sitting.", style="yellow"))


def render_nothing_due(next_due: float | None, by_tomorrow: int, new_waiting: int, allowance: str) -> None:
    """`Nothing due — next card in 3 h (12 tomorrow).`"""
    if next_due is None:
        line = "Nothing due — no reviewed card is scheduled yet."
    else:
        line = f"Nothing due — next card {when(next_due - time.time())} ({by_tomorrow} by the end of tomorrow)."
    if new_waiting:
        line += f" {new_waiting} new cards wait, but {allowance}; --new raises the daily allowance."
    console.print(line)


def render_notes_report(skipped: dict, thin: list, include_hint: str) -> None:
    """What of the user's notes was not made a card, and how to change that (on stderr: --json stays clean)."""
    if skipped:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items()))
        err_console.print(Text(f"Skipped {counts} admonition{'s' if sum(skipped.values()) != 1 else ''} "
                           f"(not questions); {include_hint} makes them cards, their title the question.", style="dim"))
    if thin:
        err_console.print(Text(f"Too thin to schedule ({len(thin)}: the answer is empty or one short line; "
                           "indent the answer under the question by 4 spaces):", style="yellow"))
        for card in thin:
            err_console.print(Text(f"  {card.source}:{card.line}  {card.question}", style="yellow"))


def render_quiz_summary(summary) -> None:
    from drill.quiz.scheduler import RATINGS

    counts = ", ".join(f"{RATINGS[r]} {n}" for r, n in summary.ratings.items() if n)
    line = f"Reviewed {summary.reviewed} card{'s' if summary.reviewed != 1 else ''}"
    console.print(Text(line + (f" ({counts})." if counts else "."), style="bold"))
    if summary.next_due:
        now = time.time()
        dues = [due for due, _ in summary.next_due.values()]
        soonest, latest = min(dues), max(dues)
        span = when(soonest - now) if latest - soonest < 60 else f"between {when(soonest - now)} and {when(latest - now)}"
        console.print(f"These cards come back {span}.")


def when(seconds: float) -> str:
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"in {round(seconds / 3600)} h"
    return f"in {round(seconds / 86400)} days"


def render_card_list(rows: list) -> None:
    table = Table(show_edge=False)
    for column in ("id", "topic", "question", "state", "due"):
        table.add_column(column)
    for row in rows:
        due = "now" if row["due_now"] else row["due"][:16].replace("T", " ")
        question = render_math(row["question"]) if "$" in row["question"] else row["question"]
        table.add_row(Text(row["id"]), Text(row["topic"]), Text(question), row["state"], due)
    console.print(table)
