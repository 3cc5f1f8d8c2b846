"""The house rules, checked on the source (fast: AST only): dependencies point one way and torch stays
inside grading/ (and cases.py's worker half), so `drill list`, `quiz` and `--help` start without it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "drill"
# Higher layers may import lower ones, never the reverse: cli -> use cases -> grading/store -> the plain
# core. The render modules are the view layer the commands and the interactive loops hand results to.
LAYERS = [
    ("drill.__main__", 5),
    ("drill.cli", 4),
    ("drill.render", 3), ("drill.practice.run", 3),   # views, and the terminal loop that drives them
    ("drill.practice", 2), ("drill.quiz", 2), ("drill.validate", 2),
    ("drill.grading", 1), ("drill.store", 1),
]


def modules() -> dict:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, top_level_only: bool) -> set:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _layer(module: str) -> int:
    return next((layer for prefix, layer in LAYERS if module == prefix or module.startswith(prefix)), 0)


def test_no_import_circle_between_modules():
    known = modules()
    graph = {name: {i for i in imports(path, top_level_only=True) if i in known and i != name}
             for name, path in known.items()}
    visiting, done = set(), set()

    def visit(node, trail):
        if node in done:
            return
        assert node not in visiting, "import circle: " + " -> ".join([*trail, node])
        visiting.add(node)
        for nxt in graph[node]:
            visit(nxt, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for name in graph:
        visit(name, [])


def test_no_arrow_runs_back_up():
    known = modules()
    upward = [f"{name} (layer {_layer(name)}) imports {target} (layer {_layer(target)})"
              for name, path in known.items() for target in imports(path, top_level_only=False)
              if target in known and _layer(target) > _layer(name)]
    assert not upward, "\n".join(upward)


def test_torch_is_imported_only_where_grading_runs():
    allowed = ("drill.grading", "drill.cases")
    for name, path in modules().items():
        if any(i == "torch" or i.startswith("torch.") for i in imports(path, top_level_only=True)):
            assert name.startswith(allowed), f"{name} imports torch at module level"
