import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DRILL = shutil.which("drill") or str(Path(sys.executable).parent / "drill")


@pytest.fixture(autouse=True)
def drill_home(tmp_path, monkeypatch):
    """Every test gets its own data dir: nothing touches the real home."""
    home = tmp_path / "drill-home"
    monkeypatch.setenv("DRILL_HOME", str(home))
    monkeypatch.delenv("DRILL_PROBLEMS", raising=False)
    return home


@pytest.fixture(scope="session")
def grader():
    """One forkserver (one torch import) shared by every in-process check of the session."""
    from drill.grading.runner import Grader

    return Grader()


@pytest.fixture(scope="session")
def catalog():
    from drill.catalog import load_catalog

    return load_catalog()


def run_drill(*args, input=None, timeout=120, env=None, cwd=None):
    """Run the installed `drill` command; returns the CompletedProcess (text)."""
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run([DRILL, *map(str, args)], capture_output=True, text=True, input=input,
                          timeout=timeout, env=full_env, cwd=cwd)


# The fast tier (`pytest -m "not slow"`, seconds): pure units, no subprocess of drill, no grading
# processes. Every other module is marked slow here, in one place.
FAST_MODULES = {"test_units_core", "test_units_grading", "test_architecture", "test_store_attempts",
                "test_quiz_plan", "test_quiz_match", "test_spec_fuzz", "test_notes_fuzz"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] not in FAST_MODULES:
            item.add_marker(pytest.mark.slow)
