"""Options and helpers shared by several command modules."""

from pathlib import Path
from typing import Annotated, Optional

import typer

ProblemsDirOption = Annotated[
    Optional[list[Path]],
    typer.Option("--problems-dir", help="A folder of your own problem specs (repeatable; also DRILL_PROBLEMS)."),
]


def load_catalog_or_warn(problems_dir=None):
    """The catalog, printing a warning for each broken spec and each shadowed built-in."""
    from drill import render
    from drill.catalog import load_catalog

    catalog = load_catalog(problems_dir)
    for error in catalog.broken:
        render.print_warning(f"skipped a broken spec: {error.message}")
    for message in catalog.warnings:
        render.print_warning(message)
    return catalog
