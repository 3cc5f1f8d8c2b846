"""Rich output of timed practice, history and stats (kept apart from the shared render.py)."""

import sys
from datetime import datetime

from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from drill.render import console, render_problem

HEAT = " ░▒▓█"
KEYS = "[bold]Enter[/bold] edit again · [bold]h[/bold] hint · [bold]s[/bold] give up (see the solution) · [bold]q[/bold] quit (resume later)"
WATCH_KEYS = "h hint · s give up · q quit"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_start(spec, path, hints_shown: int, resumed: bool, elapsed: float, editor_note: str) -> None:
    render_problem(spec, hints_shown=hints_shown)
    clock = (f"Resumed with {duration(elapsed)} on the clock" if resumed else "Clock started")
    console.print(Text.assemble((f"{clock} · target {spec.minutes} min", "bold"), "\nyour file: ", (str(path), "cyan")))
    if editor_note:
        console.print(Text(editor_note, style="dim"))


def notice(message: str, style: str = "yellow") -> None:
    clear_clock()
    console.print(Text(message, style=style))


def clock(elapsed: float, target_minutes: int, extra: str = "") -> None:
    """The live clock line, redrawn in place (only on a terminal)."""
    if not console.is_terminal:
        return
    over = elapsed > target_minutes * 60
    line = f"⏱ {duration(elapsed)} / {target_minutes}:00{'  (over target)' if over else ''}  ·  {extra}"
    width = console.width - 1
    sys.stdout.write("\r\x1b[2K" + line[:width])
    sys.stdout.flush()


def clear_clock() -> None:
    if console.is_terminal:
        sys.stdout.write("\r\x1b[2K")
        sys.stdout.flush()


def menu() -> None:
    console.print(KEYS)


def hint(index: int, total: int, text: str) -> None:
    clear_clock()
    console.print(Panel(Text(text), title=f"hint {index + 1}/{total}", border_style="cyan", title_align="left"))


def no_more_hints(total: int) -> None:
    notice(f"No more hints: this problem has {total}, all shown." if total else "This problem has no hints.")


def solved(problem: str, seconds: float, target_minutes: int, best_before: float | None) -> None:
    clear_clock()
    target = target_minutes * 60
    text = Text(f"✓ solved {problem} in {duration(seconds)}", style="bold green")
    delta = seconds - target
    text.append(f"  ·  target {duration(target)} ({'under' if delta <= 0 else 'over'} by {duration(abs(delta))})",
                style="green" if delta <= 0 else "yellow")
    if best_before is None:
        text.append("  ·  first solve", style="cyan")
    elif seconds < best_before:
        text.append(f"  ·  new best (was {duration(best_before)})", style="bold cyan")
    else:
        text.append(f"  ·  best {duration(best_before)}", style="cyan")
    console.print(text)


def solution(spec) -> None:
    clear_clock()
    console.print(Panel(Syntax(spec.reference.strip(), "python", theme="ansi_dark", background_color="default"),
                        title=f"solution: {spec.id}", title_align="left", border_style="green"))


def gave_up(problem: str, seconds: float) -> None:
    console.print(Text(f"Gave up on {problem} after {duration(seconds)}; recorded. "
                       f"`drill start {problem}` tries again from a fresh file.", style="yellow"))


def kept_open(problem: str, path, seconds: float, reason: str = "") -> None:
    clear_clock()
    lead = f"{reason} " if reason else ""
    console.print(Text(f"{lead}Attempt at {problem} kept open with {duration(seconds)} on the clock (stopped now). "
                       f"Your file is {path}; `drill start {problem} --resume` continues it.", style="yellow"))


def watching(path, keys: str) -> None:
    console.print(Text.assemble("watching ", (str(path), "cyan"), f": every save is graded · {keys}"), style="dim")


def render_history(rows: list, problem: str | None = None) -> None:
    if not rows:
        command = f"drill start {problem}" if problem else "drill start"
        console.print(Text(f"No attempts{f' at {problem}' if problem else ''} yet. `{command}` begins one."))
        return
    table = Table(show_edge=False)
    for column in ("#", "problem", "started", "time", "outcome", "hints", "checks", "file"):
        table.add_column(column, no_wrap=column != "file")
    styles = {"solved": "green", "gave_up": "red", "open": "yellow"}
    for row in rows:
        started = datetime.fromtimestamp(row["started_at"]).strftime("%Y-%m-%d %H:%M")
        table.add_row(str(row["id"]), row["problem"], started, duration(row["seconds"]),
                      Text(row["outcome"].replace("_", " "), style=styles[row["outcome"]]),
                      str(row["hints_used"]), str(row["checks_run"]), Text(row["file"], style="dim"))
    console.print(table)


def render_stats(data: dict, targets: dict) -> None:
    totals = data["totals"]
    if not totals["attempts"] and not data["quiz"]["reviews"]:
        console.print("No practice recorded yet. `drill start` begins a timed attempt; `drill quiz` reviews concepts.")
        return
    if data["problems"]:
        table = Table(show_edge=False, title="problems", title_justify="left")
        for column in ("problem", "target", "best", "last", "attempts", "solved", "rate", "hints"):
            table.add_column(column, justify="left" if column == "problem" else "right")
        for p in data["problems"]:
            target = targets.get(p["problem"])
            best = Text(duration(p["best_seconds"]),
                        style="green" if target and p["best_seconds"] is not None and p["best_seconds"] <= target * 60 else "")
            rate = "—" if p["solve_rate"] is None else f"{p['solve_rate']:.0%}"
            table.add_row(p["problem"], f"{target} min" if target else "—", best, duration(p["last_seconds"]),
                          str(p["attempts"]), str(p["solved"]), rate, str(p["hints"]))
        console.print(table)
    rate = "—" if totals["solve_rate"] is None else f"{totals['solve_rate']:.0%}"
    console.print(f"[bold]{_count(totals['attempts'], 'attempt')}[/bold] at {_count(totals['problems'], 'problem')} · "
                  f"{totals['solved']} solved ({rate}), {totals['gave_up']} given up, {totals['open']} open · "
                  f"{_count(totals['problems_solved'], 'problem')} solved · {duration(totals['active_seconds'])} "
                  f"on the clock · {_count(totals['hints'], 'hint')}")
    streak = data["streak"]
    console.print(f"streak: [bold]{streak['current']}[/bold] day{'s' if streak['current'] != 1 else ''} "
                  f"(longest {streak['longest']})")
    console.print(heat_map(data["calendar"], data["calendar_start"]))
    quiz = data["quiz"]
    if quiz["reviews"]:
        retention = "—" if quiz["retention"] is None else f"{quiz['retention']:.0%}"
        console.print(f"quiz: {quiz['cards_seen']} cards seen, {quiz['reviews']} reviews ({quiz['reviews_today']} today), "
                      f"{quiz['due_today']} due today, retention {retention}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def heat_map(grid: list, start_iso: str) -> Text:
    """GitHub-style calendar: a row per weekday, a column per week, darker = more practice."""
    peak = max([c for row in grid for c in row if c] or [1])
    text = Text(f"practice days since {start_iso}\n", style="dim")
    for name, row in zip(("Mon", "", "Wed", "", "Fri", "", "Sun"), grid):
        text.append(f"{name:<4}", style="dim")
        for count in row:
            if count is None:
                text.append("  ")
            elif count == 0:
                text.append("· ", style="dim")
            else:
                level = 1 + min(len(HEAT) - 2, int(count / peak * (len(HEAT) - 1)))
                text.append(HEAT[level] * 2, style="green")
        text.append("\n")
    return text
