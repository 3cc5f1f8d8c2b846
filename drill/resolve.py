"""Which problem a file is an attempt at: --problem, else a `# drill: ID` header, else the file stem."""

import re
from pathlib import Path

from drill.errors import UsageError

HEADER = re.compile(r"^#\s*drill:\s*([A-Za-z0-9_]+)\s*$", re.MULTILINE)


def problem_id_for(path: Path, source: str, catalog, explicit: str | None = None) -> str:
    if explicit:
        catalog.get(explicit)  # raises with close matches
        return explicit
    match = HEADER.search(source[:4000])
    if match:
        catalog.get(match.group(1))
        return match.group(1)
    stem = path.stem.split("-")[0]
    for candidate in (path.stem, stem):
        if candidate in catalog.specs:
            return candidate
    close = catalog.close_matches(stem)
    suggestion = f" Close matches: {', '.join(close)}." if close else ""
    raise UsageError(f"{path}: cannot tell which problem this file attempts: it has no `# drill: ID` header "
                     f"line and its name `{path.stem}` is not a problem id.{suggestion} "
                     "Pass --problem ID or add the header line.")
