"""A wheel (a plain `pip install`, not editable) carries every built-in problem and note."""

import json
import shutil
import subprocess
import sys
import zipfile

from helpers import REPO


def test_an_installed_wheel_lists_every_problem_and_note(tmp_path):
    source = tmp_path / "src"  # a copy, so the build leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for folder in ("drill", "problems", "docs"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("drill-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    problems = {f"drill/builtin_problems/{p.relative_to(REPO / 'problems')}" for p in (REPO / "problems").rglob("*.yaml")}
    notes = {f"drill/builtin_notes/{p.name}" for p in (REPO / "docs" / "notes").glob("*.md")}
    notes |= {f"drill/builtin_notes/zh/{p.name}" for p in (REPO / "docs" / "notes" / "zh").glob("*.md")}
    notes.add("drill/py.typed")   # typed for the users of drill's modules (PEP 561)
    assert problems <= names and notes <= names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {"PYTHONPATH": str(site), "DRILL_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    run = dict(env=env, capture_output=True, text=True, cwd=tmp_path)  # not the checkout: `-m`/`-c` import from cwd
    listed = subprocess.run([sys.executable, "-m", "drill", "list", "--json"], **run)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == len(problems)
    where = subprocess.run([sys.executable, "-c", "import drill.paths as p; print(p.BUILTIN_PROBLEMS, p.BUILTIN_NOTES)"],
                           **run).stdout.split()
    assert all(path.startswith(str(site)) for path in where), where
    cards = subprocess.run([sys.executable, "-m", "drill", "quiz", "--list", "--json"], **run)
    assert cards.returncode == 0 and len(json.loads(cards.stdout)) >= 60, cards.stderr
