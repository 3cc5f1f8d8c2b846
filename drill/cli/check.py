"""`drill check` and `drill validate`."""

import json
from pathlib import Path
from typing import Annotated

import typer

from drill.cases import MAX_RANDOM_CASES
from drill.cli.app import app
from drill.cli.common import MAX_SEED, ProblemsDirOption, SeedOption, finite, load_catalog_or_warn
from drill.errors import UsageError


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="Your attempt, a .py file.")],
    problem: Annotated[str | None, typer.Option("--problem", "-p", help="Problem id (default: the file's `# drill: ID` header, else its name).")] = None,
    seed: SeedOption = None,
    cases: Annotated[int | None, typer.Option(help="Number of random cases, 0 to 400 (edge cases always run).", min=0, max=MAX_RANDOM_CASES)] = None,
    device: Annotated[str, typer.Option(help="cpu or cuda (cuda adds a bfloat16 pass).")] = "cpu",
    timeout: Annotated[float, typer.Option(help="Seconds the attempt may run, 0.1 to 3600.", min=0.1, max=3600,
                                           callback=finite)] = 20.0,
    memory_limit: Annotated[float, typer.Option("--memory-limit", help="GiB of memory the attempt may use, 0.1 to 1024.",
                                                min=0.1, max=1024, callback=finite)] = 4.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show passing cases and every failure.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of the report (with --watch: one line per grading).")] = False,
    watch: Annotated[bool, typer.Option("--watch", "-w", help="Keep watching FILE and grade it again on every save (q quits).")] = False,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Grade FILE against the problem's reference on randomized shapes."""
    from drill import render
    from drill.grading.runner import CheckOptions, Grader, read_attempt
    from drill.resolve import problem_id_for

    if problem is not None and not problem.strip():
        raise UsageError("--problem is empty; give a problem id such as `--problem rope` (`drill list` shows them), "
                         "or leave it out to use the file's `# drill: ID` header.")
    if device not in ("cpu", "cuda"):
        raise UsageError(f"--device must be cpu or cuda, not {device!r}.")
    if device == "cuda":
        _require_cuda()
    catalog = load_catalog_or_warn(problems_dir)
    path = file.expanduser()
    source = read_attempt(path)
    spec = catalog.get(problem_id_for(path, source, catalog, problem))
    options = CheckOptions(seed=seed, cases=cases, device=device, timeout=timeout,
                           memory_limit=int(memory_limit * (1 << 30)))
    if watch:
        raise typer.Exit(_watch(spec, path, options, as_json, verbose))
    report = Grader().check(spec, path, options, source=source)
    if as_json:
        print(json.dumps(report))
    else:
        render.render_report(report, verbose=verbose)
        if report.get("notice"):
            render.print_warning(report["notice"])
    raise typer.Exit(0 if report["passed"] else 1)


def _watch(spec, path, options, as_json: bool, verbose: bool) -> int:
    from drill import render, render_practice
    from drill.grading.runner import Grader
    from drill.practice.run import watch_check

    def on_report(report):
        if as_json:
            print(json.dumps(report), flush=True)
        else:
            render_practice.clear_clock()
            render.console.rule(style="dim")
            render.render_report(report, verbose=verbose)

    def on_start():
        if not as_json:
            render_practice.watching(path, "Enter re-grades · q quits")

    return watch_check(spec, path, Grader(), options, on_report, on_start)


def _require_cuda() -> None:
    import torch

    if not torch.cuda.is_available():
        raise UsageError("--device cuda: no CUDA device is available here (torch.cuda.is_available() is False). "
                         "Use --device cpu.")


@app.command()
def validate(
    path: Annotated[Path | None, typer.Argument(help="A spec file or a folder of specs (default: every known problem).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the cases (the first one with --seeds).", min=0, max=MAX_SEED)] = 1,
    seeds: Annotated[int, typer.Option(help="Validate on this many consecutive seeds, from --seed: a sound spec "
                                            "passes its reference and catches its mistakes on every one.",
                                       min=1, max=1000)] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Check problem specs: schema, reference passes, scaffold fails, every known mistake is caught."""
    import time

    from drill import render
    from drill.catalog import Catalog
    from drill.grading.runner import Grader
    from drill.spec import load_spec
    from drill.validate import validate_spec

    if path is None:
        catalog = load_catalog_or_warn(problems_dir)
    else:
        if not path.exists():
            raise UsageError(f"{path}: no such spec file or folder.")
        catalog = Catalog()
        for spec_path in ([path] if path.is_file() else sorted(path.rglob("*.yaml"))):
            try:
                spec = load_spec(spec_path)
                catalog.specs[spec.id] = spec
            except Exception as error:  # SpecError, reported below
                catalog.broken.append(error)
    grader = Grader()
    started = time.perf_counter()
    results = [validate_spec(spec, grader, range(seed, seed + seeds)) for spec in catalog.sorted()]
    elapsed = time.perf_counter() - started
    broken = [str(getattr(e, "message", e)) for e in catalog.broken]
    if as_json:
        print(json.dumps({"ok": not broken and all(r.ok for r in results), "seconds": round(elapsed, 2),
                          "broken": broken, "problems": [{"id": r.spec_id, "path": r.path, "ok": r.ok,
                                                          "seconds": round(r.seconds, 2), "issues": r.problems} for r in results]}))
    else:
        render.render_validation(results, broken, elapsed)
    raise typer.Exit(0 if not broken and all(r.ok for r in results) else 1)
