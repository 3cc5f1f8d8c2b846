"""The problem spec: YAML -> validated, plain objects. Errors name the file, line and field.

No torch here: `drill list` and `drill show` load specs without it.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drill import files
from drill.cases import MAX_RANDOM_CASES
from drill.errors import SpecError

DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("function", "module")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_TOLERANCE = {
    "float64": {"rtol": 1e-6, "atol": 1e-8},
    "float32": {"rtol": 1e-4, "atol": 1e-5},
    "bfloat16": {"rtol": 2e-2, "atol": 2e-2},
}


class _Mapping(dict):
    """A dict that remembers the line of each key (1-based) and its own line."""

    line: int = 0
    lines: dict


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # the C parser where libyaml is present


class _LineLoader(_BaseLoader):
    def construct_mapping(self, node, deep=False):
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {key.value: key.start_mark.line + 1 for key, _ in node.value
                         if isinstance(key, yaml.ScalarNode)}
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


@dataclass
class Mistake:
    name: str
    message: str
    code: str  # the full wrong variant of the reference


@dataclass
class Localized:
    """A translation of the text a person reads (code, signatures and identifiers stay as they are)."""
    title: str
    prompt: str
    recall_prompt: str | None = None
    hints: list = field(default_factory=list)


@dataclass
class InputSpec:
    name: str
    shape: list | None = None        # dim names, ints or expressions
    dtype: str = "float"             # float | int64 | bool | value
    dist: str = "normal"             # normal | uniform | logprobs | probs | positive
    low: Any = 0
    high: Any = None
    p: float = 0.5                   # bool: probability of True
    value: Any = None                # dtype == "value": a constant
    choices: list | None = None      # dtype == "value": one picked per case
    scale: bool = True               # float: multiplied by the case magnitude
    grad: bool = True                # float: its gradient is compared
    generated: bool = False          # produced by tests.make_inputs; this entry only sets grad


@dataclass
class EdgeCase:
    name: str
    dims: dict
    magnitude: float | None = None


@dataclass
class Tests:
    dims: dict = field(default_factory=dict)          # name -> [lo, hi] | {"choices": [...]} | int
    derived: dict = field(default_factory=dict)       # name -> expression over dims
    constraints: list = field(default_factory=list)   # expressions that must hold
    cases: int = 6
    magnitudes: list = field(default_factory=lambda: [1.0])
    edge_cases: list = field(default_factory=list)
    init: dict = field(default_factory=dict)          # module constructor args: name -> expression
    inputs: list = field(default_factory=list)        # [InputSpec]
    make_inputs: str | None = None                    # code defining make_inputs(dims, gen, mag)
    driver: str | None = None                         # code defining drive(entry, inputs, dims, gen)
    outputs: list | None = None                       # names for the elements of a returned tuple
    dtypes: list = field(default_factory=lambda: ["float64", "float32"])
    grad: bool = True
    tolerance: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)         # max_intermediate_numel: expression


@dataclass
class Spec:
    id: str
    title: str
    topic: str
    difficulty: str
    minutes: int
    kind: str
    entry: str
    signature: str
    prompt: str
    reference: str
    tests: Tests
    path: Path
    tags: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    mistakes: list = field(default_factory=list)
    notes: list = field(default_factory=list)         # acceptable variants: pass, with their remark
    forbid: list = field(default_factory=list)
    scaffold_text: str | None = None
    recall_prompt: str | None = None                  # task, signature and shapes only (recall mode)
    zh: Localized | None = None                       # the Chinese edition of title, prompt and hints

    @property
    def scaffold(self) -> str:
        return self.scaffold_text or derive_scaffold(self)

    def tolerance(self, dtype: str) -> dict:
        return {**DEFAULT_TOLERANCE[dtype], **self.tests.tolerance.get(dtype, {})}


def load_spec(path: Path) -> Spec:
    path = Path(path)
    try:
        text = files.decode_utf8(files.read_bytes(path, "problem spec", files.MAX_SPEC_BYTES), path, "spec")
    except files.UnreadableFile as exc:
        raise SpecError(str(exc)) from exc
    try:
        _refuse_aliases(path, text)
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SpecError(f"{where}: the YAML does not parse ({problem}). Check the indentation "
                        "and quoting around that line.") from exc
    if not isinstance(data, _Mapping):
        raise SpecError(f"{path}:1: a problem spec must be a YAML mapping with keys such as "
                        "id, title, prompt and reference.")
    return _SpecReader(path, data).read()


def _refuse_aliases(path: Path, text: str) -> None:
    """Specs never need anchors and aliases; refusing them defuses "billion laughs" alias bombs."""
    for event in yaml.parse(text, Loader=_LineLoader):
        if isinstance(event, yaml.AliasEvent):
            raise SpecError(f"{path}:{event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not allowed "
                            "in a problem spec; write the value out in full.")


class _SpecReader:
    def __init__(self, path: Path, data: _Mapping):
        self.path = path
        self.data = data

    def fail(self, mapping: dict, key: str, message: str):
        line = mapping.lines.get(key, mapping.line) if isinstance(mapping, _Mapping) else 0
        raise SpecError(f"{self.path}:{line}: field `{key}`: {message}")

    def get(self, mapping, key, kind, required=True, default=None):
        if key not in mapping:
            if required:
                line = getattr(mapping, "line", 0)
                raise SpecError(f"{self.path}:{line}: missing required field `{key}`.")
            return default
        value = mapping[key]
        if kind is float and not isinstance(value, bool) and isinstance(value, (int, str)):
            try:
                value = float(value)  # YAML 1.1 reads 1e-3 (no dot) as a string
            except ValueError:
                pass
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.fail(mapping, key, f"expected {names}, found {type(value).__name__} ({value!r:.60}).")
        return value

    def code(self, mapping, key, required=True):
        source = self.get(mapping, key, str, required)
        if source is None:
            return None
        try:
            ast.parse(source)
        except SyntaxError as exc:
            line = mapping.lines.get(key, 0) + (exc.lineno or 0)
            self.fail_at(line, key, f"the code does not parse: {exc.msg} (line {exc.lineno} of the block).")
        return source

    def fail_at(self, line: int, key: str, message: str):
        raise SpecError(f"{self.path}:{line}: field `{key}`: {message}")

    def read(self) -> Spec:
        d = self.data
        known = {"id", "title", "topic", "difficulty", "minutes", "tags", "kind", "entry", "signature",
                 "prompt", "recall_prompt", "scaffold", "reference", "tests", "hints", "mistakes", "notes", "forbid", "zh"}
        for key in d:
            if key not in known:
                self.fail(d, key, f"unknown field. Known fields: {', '.join(sorted(known))}.")
        spec_id = self.get(d, "id", str)
        if not ID_PATTERN.match(spec_id):
            self.fail(d, "id", "use lower-case letters, digits and underscores, starting with a letter.")
        difficulty = self.get(d, "difficulty", str)
        if difficulty not in DIFFICULTIES:
            self.fail(d, "difficulty", f"must be one of {', '.join(DIFFICULTIES)}.")
        kind = self.get(d, "kind", str)
        if kind not in KINDS:
            self.fail(d, "kind", f"must be one of {', '.join(KINDS)}.")
        minutes = self.get(d, "minutes", int)
        if minutes <= 0:
            self.fail(d, "minutes", "must be a positive number of minutes.")
        reference = self.code(d, "reference")
        entry = self.get(d, "entry", str)
        if not _defines(reference, entry):
            self.fail(d, "reference", f"does not define the entry point `{entry}` at top level.")
        scaffold = self.code(d, "scaffold", required=False)
        hints = self.get(d, "hints", list, required=False, default=[])
        for i, hint in enumerate(hints):
            if not isinstance(hint, str):
                self.fail(d, "hints", f"hint {i + 1} must be a string.")
        forbid = self.get(d, "forbid", list, required=False, default=[])
        for name in forbid:
            if not isinstance(name, str) or not re.match(r"^[A-Za-z_][\w.]*$", name):
                self.fail(d, "forbid", f"{name!r} is not a dotted name such as torch.nn.functional.softmax.")
        tags = self.get(d, "tags", list, required=False, default=[])
        return Spec(
            id=spec_id,
            title=self.get(d, "title", str),
            topic=self.get(d, "topic", str),
            difficulty=difficulty,
            minutes=minutes,
            kind=kind,
            entry=entry,
            signature=self.get(d, "signature", str),
            prompt=self.get(d, "prompt", str),
            reference=reference,
            tests=self.read_tests(self.get(d, "tests", dict)),
            path=self.path,
            tags=[str(t) for t in tags],
            hints=hints,
            mistakes=self.read_mistakes(d, reference),
            notes=self.read_mistakes(d, reference, key="notes"),
            forbid=forbid,
            scaffold_text=scaffold,
            recall_prompt=self.get(d, "recall_prompt", str, required=False),
            zh=self.read_localized(d, "zh", len(hints)),
        )

    def read_localized(self, d, key: str, hint_count: int) -> Localized | None:
        block = self.get(d, key, dict, required=False)
        if block is None:
            return None
        known = {"title", "prompt", "recall_prompt", "hints"}
        for name in block:
            if name not in known:
                self.fail(block, name, f"unknown field in `{key}`. Known: {', '.join(sorted(known))}.")
        hints = self.get(block, "hints", list, required=False, default=[])
        if hints and (len(hints) != hint_count or not all(isinstance(h, str) for h in hints)):
            self.fail(block, "hints", f"give one string per hint of the spec ({hint_count}), in the same order.")
        return Localized(title=self.get(block, "title", str), prompt=self.get(block, "prompt", str),
                         recall_prompt=self.get(block, "recall_prompt", str, required=False), hints=hints)

    def read_mistakes(self, d, reference, key: str = "mistakes"):
        """Known mistakes, or (key `notes`) acceptable variants: both are variants of the reference."""
        mistakes = []
        for item in self.get(d, key, list, required=False, default=[]):
            if not isinstance(item, _Mapping):
                self.fail(d, key, "each entry is a mapping with name, message and code or replace.")
            name = self.get(item, "name", str)
            message = self.get(item, "message", str)
            if "code" in item:
                code = self.code(item, "code")
            else:
                code = reference
                replacements = self.get(item, "replace", list)
                for pair in replacements:
                    if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
                        self.fail(item, "replace", "each replacement is a pair [old, new] of strings.")
                    old, new = pair
                    if code.count(old) != 1:
                        found = "not found" if old not in code else f"found {code.count(old)} times"
                        self.fail(item, "replace", f"{old!r} must occur exactly once in the reference ({found}).")
                    code = code.replace(old, new)
                try:
                    ast.parse(code)
                except SyntaxError as exc:
                    self.fail(item, "replace", f"the mistake `{name}` does not parse: {exc.msg}.")
            mistakes.append(Mistake(name=name, message=message, code=code))
        return mistakes

    def read_tests(self, t: _Mapping) -> Tests:
        known = {f for f in Tests.__dataclass_fields__}
        for key in t:
            if key not in known:
                self.fail(t, key, f"unknown field in tests. Known: {', '.join(sorted(known))}.")
        tests = Tests()
        tests.dims = self.get(t, "dims", dict, required=False, default={})
        for name, rng in tests.dims.items():
            ok = (isinstance(rng, int) and not isinstance(rng, bool)) or (
                isinstance(rng, list) and len(rng) == 2 and all(isinstance(v, int) for v in rng) and rng[0] <= rng[1]
            ) or (isinstance(rng, dict) and isinstance(rng.get("choices"), list) and rng["choices"])
            if not ok:
                self.fail(tests.dims, name, "a dim is an int, a range [low, high] or {choices: [...]}.")
        tests.derived = self.get(t, "derived", dict, required=False, default={})
        tests.constraints = self.get(t, "constraints", list, required=False, default=[])
        for expr_map, exprs in ((tests.derived, tests.derived.values()), (t, tests.constraints)):
            for expr in exprs:
                self.check_expression(expr_map, "derived" if expr_map is tests.derived else "constraints", expr)
        tests.cases = self.get(t, "cases", int, required=False, default=6)
        tests.magnitudes = []
        for magnitude in self.get(t, "magnitudes", list, required=False, default=[1.0]):
            try:
                tests.magnitudes.append(float(magnitude))
            except (TypeError, ValueError):
                self.fail(t, "magnitudes", f"{magnitude!r} is not a number.")
        if not tests.magnitudes:
            self.fail(t, "magnitudes", "give at least one magnitude, e.g. [1.0].")
        if not 0 <= tests.cases <= MAX_RANDOM_CASES:
            self.fail(t, "cases", f"give between 0 and {MAX_RANDOM_CASES} random cases.")
        tests.edge_cases = []
        for item in self.get(t, "edge_cases", list, required=False, default=[]):
            if not isinstance(item, _Mapping):
                self.fail(t, "edge_cases", "each edge case is a mapping with name and dims.")
            tests.edge_cases.append(EdgeCase(name=self.get(item, "name", str),
                                             dims=self.get(item, "dims", dict, required=False, default={}),
                                             magnitude=self.get(item, "magnitude", float, required=False)))
        if tests.cases == 0 and not tests.edge_cases:
            self.fail(t, "cases", "with no edge_cases there would be nothing to grade; give at least one "
                      "random case (cases: 6) or list edge_cases.")
        tests.init = self.get(t, "init", dict, required=False, default={})
        tests.inputs = [self.read_input(t["inputs"], name, value)
                        for name, value in self.get(t, "inputs", dict, required=False, default={}).items()]
        tests.make_inputs = self.code(t, "make_inputs", required=False)
        tests.driver = self.code(t, "driver", required=False)
        tests.outputs = self.get(t, "outputs", list, required=False)
        tests.dtypes = self.get(t, "dtypes", list, required=False, default=["float64", "float32"])
        if not tests.dtypes:
            self.fail(t, "dtypes", "give at least one dtype pass, e.g. [float64].")
        for dtype in tests.dtypes:
            if dtype not in DEFAULT_TOLERANCE:
                self.fail(t, "dtypes", f"{dtype!r} is not one of {', '.join(DEFAULT_TOLERANCE)}.")
        tests.grad = self.get(t, "grad", bool, required=False, default=True)
        tests.tolerance = self.get(t, "tolerance", dict, required=False, default={})
        for dtype, tol in tests.tolerance.items():
            if dtype not in DEFAULT_TOLERANCE or not isinstance(tol, dict) or not all(
                    k in ("rtol", "atol") and isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0
                    for k, v in tol.items()):
                self.fail(tests.tolerance, dtype, "write tolerances as float32: {rtol: 1.0e-4, atol: 1.0e-5}.")
        if tests.outputs is not None and not all(isinstance(o, str) for o in tests.outputs):
            self.fail(t, "outputs", "outputs is a list of names, one per element of the returned tuple.")
        tests.rules = self.get(t, "rules", dict, required=False, default={})
        for key in tests.rules:
            if key != "max_intermediate_numel":
                self.fail(tests.rules, key, "the only rule is max_intermediate_numel (an expression in dim names).")
        return tests

    def check_expression(self, mapping, key, expr):
        if not isinstance(expr, (str, int)):
            self.fail(mapping, key, f"{expr!r} must be an expression in dim names, such as `D // H`.")
        try:
            ast.parse(str(expr), mode="eval")
        except SyntaxError:
            self.fail(mapping, key, f"`{expr}` is not a valid Python expression.")

    def read_input(self, inputs: _Mapping, name: str, value) -> InputSpec:
        if not isinstance(value, dict):
            self.fail(inputs, name, "an input is a mapping, e.g. {shape: [B, T, D]} or {value: -1}.")
        known = {f for f in InputSpec.__dataclass_fields__} - {"name"}
        for key in value:
            if key not in known:
                self.fail(inputs, name, f"unknown key `{key}`. Known: {', '.join(sorted(known))}.")
        spec = InputSpec(name=name, **value)
        if spec.generated:
            spec.dtype = "float"
        elif "value" in value or "choices" in value:
            spec.dtype = "value"
        elif spec.dtype not in ("float", "int64", "bool"):
            self.fail(inputs, name, "dtype must be float, int64 or bool (or give a value / choices).")
        elif not isinstance(spec.shape, list) or not all(
                isinstance(s, (int, str)) and not isinstance(s, bool) for s in spec.shape):
            self.fail(inputs, name, "a tensor input needs a shape written in dim names, e.g. [B, T, D].")
        if spec.choices is not None and (not isinstance(spec.choices, list) or not spec.choices):
            self.fail(inputs, name, "choices must be a non-empty list.")
        if not isinstance(spec.p, (int, float)) or isinstance(spec.p, bool) or not 0 <= spec.p <= 1:
            self.fail(inputs, name, "p (the probability of True) must be a number between 0 and 1.")
        if not isinstance(spec.dist, str):
            self.fail(inputs, name, "dist must be normal, uniform, logprobs, probs or positive.")
        if spec.dtype == "float" and spec.dist not in ("normal", "uniform", "logprobs", "probs", "positive"):
            self.fail(inputs, name, "dist must be normal, uniform, logprobs, probs or positive.")
        if spec.dtype == "int64" and spec.high is None:
            self.fail(inputs, name, "an int64 input needs `high` (exclusive), e.g. high: C.")
        return spec


def _defines(source: str, name: str) -> bool:
    tree = ast.parse(source)
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name for node in tree.body)


def derive_scaffold(spec: Spec) -> str:
    """The starting file: header, the prompt as a comment, imports, the signature with raise NotImplementedError."""
    lines = [f"# drill: {spec.id}", f"# {spec.title} (target: {spec.minutes} min)", "#"]
    lines += [f"# {line}".rstrip() for line in spec.prompt.strip().splitlines()]
    lines += ["", "import math", "", "import torch", "import torch.nn as nn", "import torch.nn.functional as F", "", ""]
    body = []
    for line in spec.signature.strip().splitlines():
        body.append(line)
        stripped = line.strip()
        if stripped.startswith("def ") and stripped.endswith(":"):
            indent = line[: len(line) - len(line.lstrip())] + "    "
            body.append(f"{indent}raise NotImplementedError")
    return "\n".join(lines + body) + "\n"
