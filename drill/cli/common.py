"""Options and helpers shared by several command modules."""

from pathlib import Path
from typing import Annotated

import typer

MAX_SEED = 10**12 - 1   # each case seeds torch with seed * 1000 + i, which must stay below 2**63


def finite(value: float | None) -> float | None:
    """Typer callback: NaN and infinity slip through min/max checks (every comparison is False)."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter("must be a finite number.")
    return value


SeedOption = Annotated[int | None, typer.Option(
    help="Seed of the random cases (default: a new one per check); a failing report prints it for replay.",
    min=0, max=MAX_SEED)]

ProblemsDirOption = Annotated[
    list[Path] | None,
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
