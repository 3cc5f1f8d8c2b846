"""`drill validate`: prove each spec is sound, as rustlings' dev check does for its exercises."""

from dataclasses import dataclass, field

from drill.errors import DrillError
from drill.grading.rules import scan_forbidden
from drill.grading.runner import CheckOptions, Grader

MIN_HINTS = 3
MIN_MISTAKES = 3


@dataclass
class Validation:
    spec_id: str
    path: str
    problems: list = field(default_factory=list)   # what is wrong, one sentence each
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_spec(spec, grader: Grader, seeds=(1,)) -> Validation:
    """Every seed: the reference passes, the scaffold fails, each known mistake fails as itself and each
    acceptable variant passes. A problem found on one seed is reported with that seed."""
    import time

    started = time.perf_counter()
    result = Validation(spec.id, str(spec.path))
    if len(spec.hints) < MIN_HINTS:
        result.problems.append(f"has {len(spec.hints)} hints; give at least {MIN_HINTS}, the last close to the answer")
    if len(spec.mistakes) < MIN_MISTAKES:
        result.problems.append(f"has {len(spec.mistakes)} known mistakes; give at least {MIN_MISTAKES}")
    for name, line in scan_forbidden(spec.reference, spec.forbid):
        result.problems.append(f"the reference itself uses the forbidden {name} (line {line} of the reference)")
    seeds = [seeds] if isinstance(seeds, int) else list(seeds)
    for seed in seeds:
        found = _check_seed(spec, grader, seed)
        where = f" (seed {seed})" if len(seeds) > 1 else ""
        result.problems += [f"{problem}{where}" for problem in found if f"{problem}{where}" not in result.problems]
        if found:
            break  # one failing seed is enough to say the spec is unsound; it names the seed to replay
    result.seconds = time.perf_counter() - started
    return result


def _check_seed(spec, grader: Grader, seed: int) -> list:
    problems = []
    options = CheckOptions(seed=seed)
    try:
        base = spec.path.with_name(spec.path.stem)
        reference = grader.check(spec, base.with_suffix(".reference.py"), options, source=spec.reference)
        if not reference["passed"]:
            problems.append(f"the reference fails its own tests: {_first_failure(reference)}")
        scaffold = grader.check(spec, base.with_suffix(".scaffold.py"), options, source=spec.scaffold)
        if scaffold["passed"]:
            problems.append("the scaffold passes: it must fail until the user writes the solution")
        for mistake in spec.mistakes:
            report = grader.check(spec, base.with_suffix(".mistake.py"), options, source=mistake.code)
            if report["passed"]:
                problems.append(f"the known mistake `{mistake.name}` passes the tests: they are not strict enough")
            elif _breaks_a_rule(report):
                continue  # a mistake of resources (a too-large intermediate): the rule's own message names it
            elif (diagnosis := report.get("diagnosis")) is None or diagnosis["name"] != mistake.name:
                got = diagnosis["name"] if diagnosis else _first_failure(report)
                problems.append(f"the known mistake `{mistake.name}` fails but is diagnosed as: {got}")
        for note in spec.notes:
            report = grader.check(spec, base.with_suffix(".note.py"), options, source=note.code)
            if not report["passed"]:
                problems.append(f"the acceptable variant `{note.name}` fails: {_first_failure(report)}")
    except DrillError as error:  # the reference crashed, or no case can be drawn: this spec is broken
        problems.append(error.message)
    return problems


def _breaks_a_rule(report) -> bool:
    return any(f.get("kind") == "rule" for case in report["cases"] for f in case["failures"])


def _first_failure(report) -> str:
    if report.get("error"):
        return report["error"]["message"]
    for case in report["cases"]:
        if not case["passed"]:
            f = case["failures"][0]
            return f"{case['name']} ({case['dtype']}): {f['output']}: {f['message']}"
    return "no cases ran"
