"""Problem discovery and its parsed-spec cache."""

import os

from helpers import REPO

from drill.catalog import load_catalog

SOFTMAX = (REPO / "problems" / "basics" / "softmax.yaml").read_text()


def _user_dir(tmp_path, title="Mine"):
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    path = folder / "my_softmax.yaml"
    path.write_text(SOFTMAX.replace("id: softmax", "id: my_softmax").replace(
        "title: Numerically stable softmax", f"title: {title}"))
    return folder, path


def test_cache_is_used_and_follows_edits(tmp_path, drill_home):
    folder, path = _user_dir(tmp_path)
    assert load_catalog([folder]).get("my_softmax").title == "Mine"
    assert (drill_home / "cache" / "specs.json").exists()
    assert load_catalog([folder]).get("my_softmax").title == "Mine"
    _user_dir(tmp_path, title="Edited title")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_catalog([folder]).get("my_softmax").title == "Edited title"


def test_a_corrupt_cache_is_ignored(tmp_path, drill_home):
    folder, _ = _user_dir(tmp_path)
    (drill_home / "cache").mkdir(parents=True)
    (drill_home / "cache" / "specs.json").write_bytes(b"not json {")
    assert load_catalog([folder]).get("my_softmax").title == "Mine"


def test_a_broken_spec_is_reported_and_not_cached(tmp_path):
    folder, path = _user_dir(tmp_path)
    (folder / "broken.yaml").write_text("id: broken\n")
    catalog = load_catalog([folder])
    assert "my_softmax" in catalog.specs
    assert any("broken.yaml" in e.message for e in catalog.broken)
    assert any("broken.yaml" in e.message for e in load_catalog([folder]).broken)


def test_the_cache_is_json_and_gives_back_equal_specs(drill_home):
    import json

    parsed = load_catalog().specs
    cached = load_catalog().specs
    assert json.loads((drill_home / "cache" / "specs.json").read_text())["entries"]
    assert parsed == cached
