"""Problem discovery: the built-in problems/ plus the user's folders, with unique ids."""

import dataclasses
import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from drill import files, paths
from drill.errors import SpecError, UsageError
from drill.spec import EdgeCase, InputSpec, Localized, Mistake, Spec, Tests, load_spec


@dataclass
class Catalog:
    specs: dict = field(default_factory=dict)      # id -> Spec
    broken: list = field(default_factory=list)     # SpecError for each spec that failed to load
    warnings: list = field(default_factory=list)   # e.g. a user problem shadowing a built-in

    def get(self, problem_id: str) -> Spec:
        if problem_id in self.specs:
            return self.specs[problem_id]
        close = self.close_matches(problem_id)
        suggestion = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UsageError(f"Unknown problem `{problem_id}`.{suggestion} `drill list` shows every problem.")

    def close_matches(self, name: str) -> list:
        return difflib.get_close_matches(name, list(self.specs), n=4, cutoff=0.5)

    def filtered(self, topic: str | None = None, difficulty: str | None = None) -> list:
        """Specs in listing order, narrowed by --topic and --difficulty (bad values are usage errors)."""
        specs = self.sorted()
        if topic:
            topics = sorted({s.topic for s in specs})
            if topic not in topics:
                raise UsageError(f"--topic {topic}: no such topic. Topics: {', '.join(topics)}.")
            specs = [s for s in specs if s.topic == topic]
        if difficulty:
            if difficulty not in ("easy", "medium", "hard"):
                raise UsageError(f"--difficulty must be easy, medium or hard, not {difficulty!r}.")
            specs = [s for s in specs if s.difficulty == difficulty]
        return specs

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
    cache = SpecCache.open()
    for index, folder in enumerate(problem_dirs(extra_dirs)):
        if not folder.is_dir():
            if index > 0:
                raise UsageError(f"Problems folder {folder} does not exist. Check --problems-dir or DRILL_PROBLEMS.")
            catalog.warnings.append(f"drill's built-in problems are missing (looked in {folder}); reinstall drill.")
            continue
        for path in sorted(folder.rglob("*.yaml")):
            try:
                spec = cache.load(path)
            except SpecError as error:
                catalog.broken.append(error)
                continue
            previous = catalog.specs.get(spec.id)
            if previous is not None:
                catalog.warnings.append(f"{path} defines `{spec.id}`, which {previous.path} already defines; "
                                        f"the one in {path} is used.")
            catalog.specs[spec.id] = spec
    cache.save()
    return catalog


class SpecCache:
    """Parsed specs as JSON in the data dir, keyed by a hash of each file's path and content.

    Parsing YAML and checking every code block costs ~4 ms a spec (44 built-ins: 180 ms); reading
    this cache costs under 10 ms (docs/performance.md). JSON, not pickle: loading it can only give
    data, never run code, and the attempt's sandbox cannot write the data dir. The cache is only
    an accelerator: any problem reading or writing it falls back to parsing.
    """

    def __init__(self, path: Path, entries: dict):
        self.path = path
        self.entries = entries
        self.dirty = False

    @classmethod
    def open(cls) -> "SpecCache":
        path = paths.home() / "cache" / "specs.json"
        try:
            data = json.loads(files.read_bytes(path, "spec cache", MAX_CACHE_BYTES))
            if data["stamp"] == _code_stamp() and isinstance(data["entries"], dict):
                return cls(path, data["entries"])
        except Exception:
            pass
        return cls(path, {})

    def load(self, spec_path: Path) -> Spec:
        try:
            key = _content_key(spec_path)
        except files.UnreadableFile as exc:
            raise SpecError(str(exc)) from exc
        hit = self.entries.get(key)
        if hit is not None:
            try:
                return _spec_from_json(hit, spec_path)
            except Exception:
                pass
        spec = load_spec(spec_path)
        self.entries[key] = _spec_to_json(spec)
        self.dirty = True
        return spec

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps({"stamp": _code_stamp(), "entries": self.entries}), encoding="utf-8")
            os.replace(partial, self.path)
        except (OSError, TypeError, ValueError):
            pass


MAX_CACHE_BYTES = 50_000_000


def _content_key(spec_path: Path) -> str:
    data = files.read_bytes(spec_path, "problem spec", files.MAX_SPEC_BYTES)
    return hashlib.sha256(str(spec_path.resolve()).encode() + b"\0" + data).hexdigest()


def _spec_to_json(spec: Spec) -> dict:
    data = dataclasses.asdict(spec)
    data["path"] = str(spec.path)
    return data


def _spec_from_json(data: dict, spec_path: Path) -> Spec:
    data = dict(data)
    tests = dict(data["tests"])
    tests["inputs"] = [InputSpec(**item) for item in tests["inputs"]]
    tests["edge_cases"] = [EdgeCase(**item) for item in tests["edge_cases"]]
    data["tests"] = Tests(**tests)
    data["mistakes"] = [Mistake(**item) for item in data["mistakes"]]
    data["notes"] = [Mistake(**item) for item in data["notes"]]
    data["zh"] = Localized(**data["zh"]) if data["zh"] is not None else None
    data["path"] = Path(spec_path)
    return Spec(**data)


def _code_stamp():
    """Changes whenever drill or its spec model changes, so a cache never outlives the code that wrote it."""
    import drill
    from drill import spec as spec_module

    stat = os.stat(spec_module.__file__)
    return [drill.__version__, stat.st_mtime_ns, stat.st_size]
