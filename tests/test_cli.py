"""The real `drill` command: exit codes, error paragraphs, listing, user problem folders."""

import json
import subprocess
import sys

from helpers import REPO, run_drill

EXAMPLE = REPO / "docs" / "examples" / "softmax.py"


def test_help_and_list_never_import_torch():
    for argv in (["drill", "--help"], ["drill", "list"], ["drill", "list", "--json"], ["drill", "show", "softmax"]):
        code = (f"import sys; sys.argv = {argv!r}\nfrom drill.cli import main\ntry:\n    main()\nexcept SystemExit:\n"
                "    pass\nassert 'torch' not in sys.modules, 'torch was imported'")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, (argv, result.stderr)


def test_check_passes_the_example_and_prints_json():
    result = run_drill("check", EXAMPLE, "--json", "--seed", "5")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert {"problem", "passed", "error", "cases", "diagnosis"} <= set(report)
    assert report["problem"] == "softmax" and report["passed"] is True
    assert all({"dims", "seed", "passed", "failures"} <= set(case) for case in report["cases"])
    assert {case["dtype"] for case in report["cases"]} == {"float64", "float32"}


def test_unknown_problem_lists_close_matches(tmp_path):
    result = run_drill("check", EXAMPLE, "--problem", "sofmax")
    assert result.returncode == 2
    assert "softmax" in result.stderr and "Traceback" not in result.stderr


def test_missing_file_is_a_usage_error(tmp_path):
    result = run_drill("check", tmp_path / "nope.py")
    assert result.returncode == 2
    assert "nope.py" in result.stderr and "Traceback" not in result.stderr


def test_file_that_names_no_problem(tmp_path):
    path = tmp_path / "sofmax_try.py"
    path.write_text("def f(): pass\n")
    result = run_drill("check", path)
    assert result.returncode == 2
    assert "--problem" in result.stderr and "# drill:" in result.stderr


def test_header_line_names_the_problem(tmp_path):
    path = tmp_path / "anything.py"
    path.write_text(EXAMPLE.read_text())
    assert run_drill("check", path, "--seed", "1").returncode == 0


def test_wrong_attempt_exits_1_with_a_diagnosis(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text("import torch\ndef softmax(x, dim=-1):\n    e = x.exp()\n    return e / e.sum(dim, keepdim=True)\n")
    result = run_drill("check", path, "--seed", "1")
    assert result.returncode == 1
    assert "no max subtraction" in result.stdout
    assert "--seed 1" in result.stdout


def test_user_problem_dir_with_a_broken_spec_still_lists_the_others(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    good = (REPO / "problems" / "basics" / "softmax.yaml").read_text().replace("id: softmax", "id: my_softmax")
    (folder / "my_softmax.yaml").write_text(good)
    (folder / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    result = run_drill("list", "--json", "--problems-dir", folder)
    assert result.returncode == 0
    ids = {p["id"] for p in json.loads(result.stdout)}
    assert {"softmax", "my_softmax"} <= ids
    assert "broken.yaml" in result.stderr


def test_malformed_spec_error_names_file_line_and_field(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (REPO / "problems" / "basics" / "softmax.yaml").read_text()
    (folder / "bad.yaml").write_text(text.replace("difficulty: easy", "difficulty: trivial"))
    result = run_drill("validate", folder / "bad.yaml")
    assert result.returncode == 1
    line = text.splitlines().index("difficulty: easy") + 1
    assert f"bad.yaml:{line}" in result.stdout and "difficulty" in result.stdout


def test_user_problem_shadowing_a_builtin_is_warned_about(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "softmax.yaml").write_text((REPO / "problems" / "basics" / "softmax.yaml").read_text())
    result = run_drill("list", env={"DRILL_PROBLEMS": str(folder)})
    assert result.returncode == 0
    assert "already defines" in result.stderr


def test_show_renders_the_prompt():
    result = run_drill("show", "softmax")
    assert result.returncode == 0
    assert "numerically stable" in result.stdout.lower() and "hints available" in result.stdout


def test_list_filters():
    result = run_drill("list", "--json", "--difficulty", "easy", "--topic", "basics")
    assert result.returncode == 0
    assert all(p["difficulty"] == "easy" and p["topic"] == "basics" for p in json.loads(result.stdout))
    bad = run_drill("list", "--topic", "nonsense")
    assert bad.returncode == 2 and "Topics:" in bad.stderr


def test_device_cuda_without_a_gpu_is_a_clear_usage_error():
    import importlib.util

    result = run_drill("check", EXAMPLE, "--device", "cuda", "--seed", "1")
    has_cuda = False
    if importlib.util.find_spec("torch"):
        import torch

        has_cuda = torch.cuda.is_available()
    if has_cuda:
        assert result.returncode == 0, result.stdout
    else:
        assert result.returncode == 2 and "CUDA" in result.stderr
    assert run_drill("check", EXAMPLE, "--device", "tpu").returncode == 2


def test_warning_inside_a_torch_call_names_the_attempts_line(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text("import torch\n\n\ndef softmax(x, dim=-1):\n"
                    "    m = torch.tensor(x.amax(dim=dim, keepdim=True))\n"  # line 5: torch warns here
                    "    e = (x - m).exp()\n    return e / e.sum(dim=dim, keepdim=True)\n")
    result = run_drill("check", path, "--seed", "1")
    assert result.returncode == 0, result.stdout
    printed = " ".join(result.stdout.split())  # the panel wraps long lines
    assert f"{path.name}:5: UserWarning" in printed, result.stdout
    assert "rules.py" not in printed


def test_square_brackets_in_messages_are_printed_as_written(tmp_path):
    path = tmp_path / "softmax.py"
    # built by concatenation, so only the message (not the traceback's source line) holds the whole text
    path.write_text("def softmax(x, dim=-1):\n    raise IndexError('index [i] out ' + 'of range for [bold]x[/bold]')\n")
    result = run_drill("check", path, "--seed", "1")
    assert result.returncode == 1
    assert "index [i] out of range for [bold]x[/bold]" in result.stdout, result.stdout


def test_exact_outputs_are_reported_without_a_tolerance(tmp_path):
    path = tmp_path / "sliding_window_mask.py"
    path.write_text("import torch\n\n\ndef sliding_window_mask(seq_len, window):\n"
                    "    i = torch.arange(seq_len).view(-1, 1)\n    j = torch.arange(seq_len).view(1, -1)\n"
                    "    return (j <= i) & (j >= i - window)\n")
    as_json = json.loads(run_drill("check", path, "--seed", "1", "--json").stdout)
    failure = next(c for c in as_json["cases"] if not c["passed"])["failures"][0]
    assert failure["tolerance"] is None
    assert isinstance(failure["expected_at"], bool) and failure["expected_at"] != failure["got_at"]
    text = run_drill("check", path, "--seed", "1").stdout
    assert "must match exactly" in text and "rtol" not in text
    assert "magnitude" not in text and " mag " not in text  # its inputs are not scaled


def test_unreadable_inputs_are_clear_errors(tmp_path):
    unreadable = run_drill("check", "/proc/self/mem", "--problem", "softmax")
    assert unreadable.returncode == 2 and "cannot read" in unreadable.stderr and "Traceback" not in unreadable.stderr
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")   # a dangling link among the specs
    listed = run_drill("list", "--json", "--problems-dir", folder)
    assert listed.returncode == 0 and "gone.yaml" in listed.stderr and "Traceback" not in listed.stderr
    assert "softmax" in {p["id"] for p in json.loads(listed.stdout)}
    notes = tmp_path / "notes"
    (notes / "folder.md").mkdir(parents=True)                      # a folder that looks like a note
    quiz = run_drill("quiz", "--list", "--notes", notes)
    assert quiz.returncode == 2 and "folder.md" in quiz.stderr and "Traceback" not in quiz.stderr


def test_validate_reports_a_spec_whose_reference_crashes_and_goes_on(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (REPO / "problems" / "basics" / "softmax.yaml").read_text()
    (folder / "a_crashes.yaml").write_text(text.replace("id: softmax", "id: a_crashes").replace(
        "reference: |\n", "reference: |\n  raise RuntimeError('the reference is broken')\n", 1))
    (folder / "b_fine.yaml").write_text(text.replace("id: softmax", "id: b_fine"))
    result = run_drill("validate", folder, "--json")
    assert result.returncode == 1, result.stderr
    report = {p["id"]: p for p in json.loads(result.stdout)["problems"]}
    assert not report["a_crashes"]["ok"] and "the reference is broken" in " ".join(report["a_crashes"]["issues"])
    assert report["b_fine"]["ok"]


def test_a_database_failure_after_opening_is_a_clear_error(tmp_path):
    code = ("import sqlite3, sys\nfrom drill.store import attempts\n"
            "def failing(*a, **k):\n    raise sqlite3.OperationalError('disk I/O error')\n"
            "attempts.history = failing\nsys.argv = ['drill', 'history']\nfrom drill.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, "DRILL_HOME": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "disk I/O error" in result.stderr and str(tmp_path / "drill.db") in " ".join(result.stderr.split())
