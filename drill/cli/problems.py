"""`drill list` and `drill show`."""

import json
from typing import Annotated

import typer

from drill.cli.app import app
from drill.cli.common import ProblemsDirOption, load_catalog_or_warn
from drill.cli.lang import LangOption


@app.command("list")
def list_problems(
    topic: Annotated[str | None, typer.Option(help="Only this topic.")] = None,
    difficulty: Annotated[str | None, typer.Option(help="Only easy, medium or hard.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    problems_dir: ProblemsDirOption = None,
    language: LangOption = None,
) -> None:
    """List the problems, grouped by topic."""
    from drill import lang, render

    chosen = lang.resolve(language)
    specs = [lang.localized(s, chosen) for s in load_catalog_or_warn(problems_dir).filtered(topic, difficulty)]
    if as_json:
        print(json.dumps([{"id": s.id, "title": s.title, "topic": s.topic, "difficulty": s.difficulty,
                           "minutes": s.minutes, "tags": s.tags, "path": str(s.path)} for s in specs]))
        return
    render.render_problem_list(specs)


@app.command()
def show(
    problem: Annotated[str, typer.Argument(help="Problem id.")],
    problems_dir: ProblemsDirOption = None,
    language: LangOption = None,
) -> None:
    """Show a problem's prompt, signature and how many hints it has."""
    from drill import lang, render

    chosen = lang.resolve(language)
    render.render_problem(lang.localized(load_catalog_or_warn(problems_dir).get(problem), chosen))
