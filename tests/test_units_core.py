"""Fast units of the pure core: reading user files, the language setting, case planning, spec errors.
No torch, no subprocess."""

import os
from pathlib import Path

import pytest

from drill import files, lang
from drill.cases import plan_cases
from drill.errors import SpecError, UsageError
from drill.spec import load_spec

REPO = Path(__file__).resolve().parent.parent
SOFTMAX = REPO / "problems" / "basics" / "softmax.yaml"


def test_read_bytes_refuses_pipes_devices_folders_and_oversized_files(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    for path, words in ((fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file"),
                        (tmp_path, "is a folder"), (big, "at most 10"), (tmp_path / "nope", "no such file")):
        with pytest.raises(files.UnreadableFile, match=words):
            files.read_bytes(path, "thing", 10)
    assert files.read_bytes(big, "thing", 11) == b"x" * 11


def test_decode_drops_a_byte_order_mark_and_names_the_line_of_bad_bytes(tmp_path):
    assert files.decode_utf8(b"\xef\xbb\xbfx = 1\n", tmp_path / "a.py", "attempt") == "x = 1\n"
    with pytest.raises(files.UnreadableFile, match=r"a\.py:2: not valid UTF-8 \(byte 0xff"):
        files.decode_utf8(b"ok\n\xff\n", tmp_path / "a.py", "attempt")


def test_language_comes_from_the_option_then_the_environment_then_the_saved_preference(drill_home, monkeypatch):
    assert lang.resolve() == "en"
    lang.save("zh")
    assert lang.resolve() == "zh"
    monkeypatch.setenv("DRILL_LANG", "en")
    assert lang.resolve() == "en"
    assert lang.resolve("ZH") == "zh"
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        lang.resolve("fr")
    monkeypatch.setenv("DRILL_LANG", "klingon")
    with pytest.raises(UsageError, match="DRILL_LANG"):
        lang.resolve()


def test_case_plans_are_seeded_and_random_and_edge_seeds_never_meet():
    spec = load_spec(SOFTMAX)
    first, again, other = plan_cases(spec, 7), plan_cases(spec, 7), plan_cases(spec, 8)
    assert [c.to_dict() for c in first] == [c.to_dict() for c in again]
    assert [c.dims for c in first] != [c.dims for c in other]
    seeds = [c.seed for c in first]
    assert len(seeds) == len(set(seeds)) == spec.tests.cases + len(spec.tests.edge_cases)


def test_spec_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SOFTMAX.read_text(encoding="utf-8").replace("difficulty: easy", "difficulty: trivial"))
    with pytest.raises(SpecError, match=r"bad\.yaml:\d+: field `difficulty`: must be one of"):
        load_spec(bad)
    bad.write_text("id: x\nhints: &h [a]\ntags: *h\n")
    with pytest.raises(SpecError, match=r"bad\.yaml:3: YAML aliases \(\*h\) are not allowed"):
        load_spec(bad)


def test_a_zh_block_must_translate_every_hint(tmp_path):
    text = SOFTMAX.read_text(encoding="utf-8")
    spec = tmp_path / "softmax.yaml"
    spec.write_text(text + "zh:\n  title: 数值稳定的 softmax\n  prompt: 实现 softmax。\n  hints: [只有一条]\n")
    with pytest.raises(SpecError, match="give one string per hint"):
        load_spec(spec)
    spec.write_text(text + "zh:\n  title: 数值稳定的 softmax\n  prompt: 实现 softmax。\n")
    assert load_spec(spec).zh.title == "数值稳定的 softmax"


def test_the_spec_cache_round_trips_every_spec_of_the_bank_exactly():
    from drill.catalog import _spec_from_json, _spec_to_json

    for path in sorted((REPO / "problems").rglob("*.yaml")):
        spec = load_spec(path)
        assert _spec_from_json(_spec_to_json(spec), path) == spec, path.name
