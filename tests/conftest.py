"""Fixtures only; the helpers tests share live in tests/helpers.py (no test imports another test module)."""

import pytest


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


# The fast tier (`pytest -m "not slow"`, seconds): pure units, no subprocess of drill, no grading
# processes. Every other module is marked slow here, in one place.
FAST_MODULES = {"test_units_core", "test_units_grading", "test_architecture", "test_store_attempts",
                "test_quiz_plan", "test_quiz_match", "test_spec_fuzz", "test_notes_fuzz"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module.__name__.rsplit(".", 1)[-1] not in FAST_MODULES:
            item.add_marker(pytest.mark.slow)
