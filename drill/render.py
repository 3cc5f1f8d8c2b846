"""Every Rich renderable drill prints. Besides cli/, the only module that writes to the terminal."""

from collections.abc import Mapping

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

HEAT_SHADES = " ░▒▓█"
ERROR_TITLES = {
    "syntax": "Syntax error", "forbidden": "Forbidden call", "rule": "Resource rule broken",
    "timeout": "Timed out", "crash": "Crashed", "exit": "Exited early", "memory": "Out of memory",
    "tamper": "Modified torch", "thread": "Left a thread running", "output": "Printed too much",
    "missing": "Entry point missing", "exception": "Raised an exception", "not_implemented": "Not implemented yet",
    "protocol": "Unreadable result", "signature": "Parameter names differ", "recursion": "Recursed too deeply",
    "isolation": "Sandbox unavailable",
}


def print_error(error) -> None:
    text = Text(f"error: {error.message}", style="bold red")
    if getattr(error, "hint", None):
        text.append(f"\n{error.hint}", style="red")
    err_console.print(text)


def print_warning(message: str) -> None:
    err_console.print(Text(f"warning: {message}", style="yellow"))


def _dims(case: dict) -> str:
    """Dims, then the case's non-tensor arguments: `B=2 T=5 · dim=-1 causal=True`."""
    text = " ".join(f"{k}={v}" for k, v in case["dims"].items())
    args = " ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in case.get("args", {}).items())
    return f"{text} · {args}" if args else text


def render_report(report: Mapping, verbose: bool = False) -> None:
    """The full verdict of one check."""
    problem, seed = report["problem"], report["seed"]
    if report["error"]:
        _render_fatal(report)
    elif report["cases"] and (verbose or not report["passed"]):
        _render_cases(report, verbose)
    if report.get("printed"):
        console.print(Panel(Text(report["printed"][-1500:]), title="the attempt printed", border_style="dim"))
    render_warnings(report)
    if report["passed"]:
        console.print(Text(f"✓ {problem}: all {len(report['cases'])} checks passed "
                           f"({report.get('seconds', 0):.2f} s, seed {seed})", style="bold green"))
        return
    if report.get("diagnosis"):
        d = report["diagnosis"]
        console.print(Panel(Text(d["message"]), title=f"looks like a known mistake: {d['name']}", border_style="magenta"))
    replay = f" Replay these cases with --seed {seed}." if report["cases"] else ""  # no case ran: nothing to replay
    console.print(Text(f"✗ {problem}: failed.{replay}", style="bold red"))


def render_warnings(report: Mapping) -> None:
    """Remarks that do not change the verdict: precision notes (float32 rounding inside a correct
    attempt) and forbidden names only mentioned, never called."""
    for warning in (report.get("notes") or []) + (report.get("warnings") or []):
        where = f" (line {warning['line']})" if warning.get("line") else ""
        console.print(Text(f"note: {warning['message']}{where}", style="yellow"))


def _render_fatal(report):
    error = report["error"]
    title = ERROR_TITLES.get(error["kind"], error["kind"])
    where = f" (line {error['line']})" if error.get("line") else ""
    body = [Text(error["message"] + where)]
    if error.get("traceback"):
        body.append(Text("\n".join(error["traceback"]), style="dim"))
    for use in error.get("uses", [])[1:]:
        body.append(Text(f"also {use['name']} on line {use['line']}", style="dim"))
    console.print(Panel(Group(*body), title=title, border_style="red"))


def _render_cases(report, verbose):
    table = Table(title=f"{report['problem']}: {len(report['cases'])} checks", title_justify="left")
    show_magnitude = any(c["magnitude"] != 1 for c in report["cases"])  # inputs scaled by 1e-3, 1e3, ...
    for column in ("case", "dims", "dtype", "mag", "seed", "result"):
        if column != "mag" or show_magnitude:
            table.add_column(column)
    for case in report["cases"]:
        if case["passed"] and not verbose:
            continue
        result = Text("pass", style="green") if case["passed"] else Text(
            f"FAIL ({len(case['failures'])})", style="bold red")
        magnitude = [f"{case['magnitude']:g}"] if show_magnitude else []
        table.add_row(Text(case["name"]), Text(_dims(case)), case["dtype"], *magnitude, str(case["seed"]), result)
    passing = sum(1 for c in report["cases"] if c["passed"])
    if passing and not verbose:
        table.caption = f"{passing} passing checks not shown (--verbose shows them)"
    console.print(table)
    failing = [c for c in report["cases"] if not c["passed"]]
    failing.sort(key=lambda c: all(f["output"].startswith("grad of") for f in c["failures"]))  # stable
    shown = failing if verbose else failing[:1]
    for case in shown:
        for failure in case["failures"][: (None if verbose else 3)]:
            console.print(render_failure(case, failure))
    if len(failing) > len(shown):
        console.print(Text(f"… {len(failing) - len(shown)} more failing checks (--verbose shows every one)", style="dim"))


def render_failure(case: dict, failure: dict):
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="bold")
    rows.add_column()
    magnitude = f"magnitude {case['magnitude']:g}  " if case["magnitude"] != 1 else ""
    rows.add_row("case", Text(f"{case['name']}  {_dims(case)}  {case['dtype']}  {magnitude}seed {case['seed']}"))
    rows.add_row("what", Text(failure["message"] + (f" (line {failure['line']})" if failure.get("line") else "")))
    if "expected_shape" in failure:
        rows.add_row("shape", f"expected {tuple(failure['expected_shape'])} {failure['expected_dtype']}, "
                              f"got {tuple(failure['got_shape'])} {failure['got_dtype']}")
    if failure["kind"] == "values":
        at = f"at {tuple(failure['max_abs_index'])}: expected {_number(failure['expected_at'])}, " \
             f"got {_number(failure['got_at'])}"
        tol = failure["tolerance"]
        if tol is None:  # integer or boolean output, compared exactly
            if failure["expected_dtype"] == "bool":
                rows.add_row("first", at)
            else:
                rows.add_row("worst", f"off by {failure['max_abs']:g} {at}")
            rows.add_row("tolerance", "none: integer and boolean outputs must match exactly")
        else:
            rows.add_row("worst abs", f"{failure['max_abs']:.3g} {at}")
            rows.add_row("worst rel", f"{failure['max_rel']:.3g} at {tuple(failure['max_rel_index'])}")
            rows.add_row("tolerance", f"rtol {tol['rtol']:g}, atol {tol['atol']:g}")
        rows.add_row("where", heat_strip(failure["heat"]))
        layout = "rows × cols of the last two dims" if len(failure["expected_shape"]) >= 2 else "along the tensor"
        rows.add_row("", Text(f"{layout}, pooled; darker = more elements off", style="dim"))
    if failure.get("rows"):
        rows.add_row("parameters", parameter_table(failure["rows"]))
    for line in failure.get("traceback", []):
        rows.add_row("", Text(line, style="dim"))
    return Panel(rows, title=failure["output"], border_style="red", title_align="left")


def _number(value) -> str:
    """Floats to 6 significant digits; ints and bools (exactly compared outputs) as they are."""
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def heat_strip(heat: list) -> Text:
    """Mismatch share over the last two dims as shaded blocks (darker = more elements off)."""
    text = Text()
    for i, row in enumerate(heat):
        for share in row:
            level = 0 if share <= 0 else min(len(HEAT_SHADES) - 1, 1 + int(share * (len(HEAT_SHADES) - 1)))
            text.append(HEAT_SHADES[level] * 1, style="red")
        if i < len(heat) - 1:
            text.append("\n")
    return text


def parameter_table(rows: list) -> Table:
    table = Table(box=None, padding=(0, 1))
    table.add_column("parameter")
    table.add_column("expected")
    table.add_column("found")
    for row in rows:
        expected = "—" if row["expected"] is None else str(tuple(row["expected"]))
        found = "missing" if row["found"] is None else str(tuple(row["found"]))
        table.add_row(row["name"], expected, Text(found, style="red"))
    return table


def render_validation(results: list, broken: list, elapsed: float) -> None:
    """`drill validate`: one line per spec, its problems under it, then a total."""
    for message in broken:
        console.print(Text(f"✗ {message}", style="red"))
    for r in results:
        mark = ("✓", "green") if r.ok else ("✗", "red")
        console.print(Text.assemble(mark, f" {r.spec_id:<22} {r.seconds:5.1f} s  ", (str(r.path), "dim")))
        for problem in r.problems:
            console.print(Text(f"    - {problem}", style="red"))
    bad = len(broken) + sum(not r.ok for r in results)
    console.print(f"{len(results) + len(broken)} specs, {bad} with problems, {elapsed:.1f} s")


def render_problem_list(specs: list) -> None:
    """A table with a heading row for each topic (specs come sorted by topic)."""
    topic = None
    table = Table(show_edge=False)
    for column in ("id", "title", "difficulty", "target"):
        table.add_column(column)
    for spec in specs:
        if spec.topic != topic:
            topic = spec.topic
            table.add_row(Text(topic, style="bold cyan"), "", "", "")
        style = {"easy": "green", "medium": "yellow", "hard": "red"}[spec.difficulty]
        table.add_row(f"  {spec.id}", spec.title, Text(spec.difficulty, style=style), f"{spec.minutes} min")
    console.print(table)


def render_problem(spec, hints_shown: int = 0) -> None:
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    console.print(Panel(Markdown(spec.prompt), title=f"{spec.id}: {spec.title}",
                        subtitle=f"{spec.topic} · {spec.difficulty} · target {spec.minutes} min", title_align="left"))
    console.print(Syntax(spec.signature.strip(), "python", theme="ansi_dark", background_color="default"))
    console.print(Text(f"{len(spec.hints)} hints available", style="dim"))
    for i, hint in enumerate(spec.hints[:hints_shown]):
        console.print(Text(f"hint {i + 1}: {hint}", style="cyan"))
