"""Problem discovery: the built-in problems/ plus the user's folders, with unique ids."""

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from drill import paths
from drill.errors import SpecError, UsageError
from drill.spec import Spec, load_spec


@dataclass
class Catalog:
    specs: dict = field(default_factory=dict)      # id -> Spec
    broken: list = field(default_factory=list)     # SpecError for each spec that failed to load
    warnings: list = field(default_factory=list)   # e.g. a user problem shadowing a built-in

    def get(self, problem_id: str) -> Spec:
        if problem_id in self.specs:
            return self.specs[problem_id]
        close = difflib.get_close_matches(problem_id, list(self.specs), n=4, cutoff=0.5)
        suggestion = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UsageError(f"Unknown problem `{problem_id}`.{suggestion} `drill list` shows every problem.")

    def sorted(self) -> list:
        return sorted(self.specs.values(), key=lambda s: (s.topic, ("easy", "medium", "hard").index(s.difficulty), s.id))


def problem_dirs(extra: list | None = None) -> list:
    """Built-in first, then DRILL_PROBLEMS (colon-separated), then --problems-dir folders."""
    dirs = [paths.BUILTIN_PROBLEMS]
    dirs += [Path(p).expanduser() for p in os.environ.get("DRILL_PROBLEMS", "").split(os.pathsep) if p]
    dirs += [Path(p).expanduser() for p in (extra or [])]
    return dirs


def load_catalog(extra_dirs: list | None = None) -> Catalog:
    catalog = Catalog()
    for index, folder in enumerate(problem_dirs(extra_dirs)):
        if not folder.is_dir():
            if index > 0:
                raise UsageError(f"Problems folder {folder} does not exist. Check --problems-dir or DRILL_PROBLEMS.")
            continue
        for path in sorted(folder.rglob("*.yaml")):
            try:
                spec = load_spec(path)
            except SpecError as error:
                catalog.broken.append(error)
                continue
            previous = catalog.specs.get(spec.id)
            if previous is not None:
                catalog.warnings.append(f"{path} defines `{spec.id}`, which {previous.path} already defines; "
                                        f"the one in {path} is used.")
            catalog.specs[spec.id] = spec
    return catalog
