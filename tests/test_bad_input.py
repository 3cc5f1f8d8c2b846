"""Bad files and options (issue 11, item 7): each is a one-paragraph error or the right verdict,
never a hang, a traceback or lost data. Everything runs through the installed `drill`."""

import json
import os
import time

import pexpect
from helpers import DRILL, REPO, run_drill

CORRECT = ("# drill: softmax\nimport torch\n\n\ndef softmax(x, dim=-1):\n"
           "    e = (x - x.amax(dim=dim, keepdim=True)).exp()\n    return e / e.sum(dim=dim, keepdim=True)\n")
SPEC = (REPO / "problems" / "basics" / "softmax.yaml").read_text(encoding="utf-8")


def _said(result) -> str:
    """stdout and stderr with Rich's line wrapping undone."""
    return " ".join((result.stdout + result.stderr).split())


def _no_traceback(result):
    assert "Traceback" not in _said(result)


def test_a_fifo_or_device_as_attempt_is_a_clear_error(tmp_path):
    fifo = tmp_path / "softmax.py"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/zero"):
        result = run_drill("check", target, "--problem", "softmax", timeout=60)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "is not a regular file" in _said(result)
        _no_traceback(result)


def test_a_huge_attempt_is_refused_with_its_size(tmp_path):
    big = tmp_path / "softmax.py"
    big.write_text(CORRECT + "#" * 2_000_000)
    result = run_drill("check", big)
    assert result.returncode == 2
    assert "bytes, too large for a Python file (at most 1,000,000)" in _said(result)


def test_a_byte_order_mark_does_not_make_a_correct_file_a_syntax_error(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_bytes(b"\xef\xbb\xbf" + CORRECT.encode())
    result = run_drill("check", path, "--seed", "3")
    assert result.returncode == 0, result.stdout + result.stderr


def test_fifo_and_alias_bomb_specs_are_skipped_with_a_warning_not_a_hang(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    rows = "\n".join(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 12))
    (folder / "bomb.yaml").write_text('l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                                      + rows + "\ntags: [*l11]\n")
    result = run_drill("list", "--problems-dir", folder, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "pipe.yaml is not a regular file" in _said(result)
    assert "bomb.yaml:2: YAML aliases (*l0) are not allowed" in _said(result)
    assert "softmax" in result.stdout


def test_a_spec_with_nothing_to_grade_is_rejected(tmp_path):
    head, _, tail = SPEC.replace("id: softmax", "id: nothing").replace("  cases: 6", "  cases: 0").partition(
        "  edge_cases:\n")
    rest = tail.splitlines()
    while rest and rest[0].startswith("    "):  # the edge case entries
        rest.pop(0)
    spec = tmp_path / "nothing.yaml"
    spec.write_text(head + "\n".join(rest) + "\n")
    result = run_drill("validate", spec, timeout=120)
    assert result.returncode == 1
    assert "field `cases`: with no edge_cases there would be nothing to grade" in _said(result)


def test_out_of_range_numbers_and_an_empty_problem_are_usage_errors(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(CORRECT)
    for args, words in ((["--seed", "9300000000000000"], "--seed"), (["--timeout", "nan"], "finite"),
                        (["--timeout", "inf"], "--timeout"), (["--timeout", "1e308"], "--timeout"),
                        (["--memory-limit", "nan"], "finite"), (["--memory-limit", "inf"], "--memory-limit"),
                        (["--problem", ""], "--problem is empty")):
        result = run_drill("check", path, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert words in _said(result), (args, result.stderr)
        _no_traceback(result)


def test_an_ascii_only_output_encoding_prints_instead_of_crashing(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(CORRECT)
    for args, code in ((["list"], 0), (["check", path, "--seed", "2"], 0)):
        result = run_drill(*args, env={"PYTHONIOENCODING": "ascii"})
        assert result.returncode == code, result.stdout + result.stderr
        _no_traceback(result)
    assert "softmax" in result.stdout


def test_a_database_with_damaged_pages_is_moved_aside_and_the_next_command_starts_fresh(drill_home):
    from drill.store import attempts
    from drill.store.db import open_db

    db = open_db(drill_home / "drill.db")
    for i in range(2000):
        attempts.create(db, "rope", f"/tmp/f{i}.py", 1e9 + i)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with open(drill_home / "drill.db", "r+b") as handle:  # the header survives; data pages do not
        handle.seek(4096 * 3)
        handle.write(bytes(range(256)) * 48)
    result = run_drill("stats")
    assert result.returncode == 2
    assert "is damaged" in _said(result) and "moved to" in _said(result)
    assert any(p.name.startswith("drill.db.corrupt-") for p in drill_home.iterdir())
    again = run_drill("stats")
    assert again.returncode == 0, again.stderr


def test_a_finished_attempt_is_never_reopened_by_a_stale_session(drill_home):
    from drill.store import attempts
    from drill.store.db import open_db

    db = open_db(drill_home / "drill.db")
    attempt_id = attempts.create(db, "softmax", "/tmp/a.py", 1000.0)
    first, second = attempts.get(db, attempt_id), attempts.get(db, attempt_id)
    first.update(outcome="solved", ended_at=1100.0, active_seconds=100.0, segment_started_at=None)
    assert attempts.save(db, first)
    second.update(checks_run=3, active_seconds=50.0)        # the other terminal's stale copy, still open
    assert not attempts.save(db, second)
    second.update(outcome="gave_up", ended_at=1200.0)
    assert not attempts.save(db, second)
    row = attempts.get(db, attempt_id)
    assert (row["outcome"], row["ended_at"], row["active_seconds"]) == ("solved", 1100.0, 100.0)
    db.close()


def test_watch_keeps_running_while_the_file_is_missing(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(CORRECT)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "TERM": "xterm"}
    child = pexpect.spawn(DRILL, ["check", str(path), "--watch", "--seed", "1"], env=env, encoding="utf-8",
                          timeout=90, dimensions=(40, 120))
    try:
        child.expect("passed")
        child.expect("q quits")
        path.unlink()
        child.send("\r")
        child.expect("no such file")
        child.expect("Still watching")
        time.sleep(0.3)
        path.write_text(CORRECT)
        child.send("\r")
        child.expect("passed")
        child.send("q")
        child.expect(pexpect.EOF, timeout=30)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_a_differently_named_parameter_is_named_once_and_no_replay_is_offered(tmp_path):
    path = tmp_path / "rope.py"
    path.write_text("# drill: rope\nimport torch\n\n\ndef apply_rope(x, pos, base=10000.0):\n    return x\n")
    result = run_drill("check", path, "--seed", "3")
    assert result.returncode == 1
    said = _said(result)
    assert "drill passes `positions=` by keyword; your `apply_rope` takes `pos` instead" in said
    assert said.count("drill passes") == 1 and "TypeError" not in said
    assert "Replay" not in said
    module = tmp_path / "mha.py"
    module.write_text("# drill: mha\nimport torch.nn as nn\n\n\nclass MultiHeadAttention(nn.Module):\n"
                      "    def __init__(self, d_model, n_heads):\n        super().__init__()\n\n"
                      "    def forward(self, x, causal=True):\n        return x\n")
    said = _said(run_drill("check", module, "--seed", "3"))
    assert "drill passes `num_heads=` by keyword; your `MultiHeadAttention.__init__` takes `n_heads` instead" in said


def test_a_syntax_error_offers_no_replay(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text("# drill: softmax\ndef softmax(x, dim=-1)\n    return x\n")
    result = run_drill("check", path, "--seed", "3")
    assert result.returncode == 1
    assert "Syntax" in _said(result) and "Replay" not in _said(result)


def test_an_optimizer_from_torch_optim_is_not_tampering(tmp_path):
    path = tmp_path / "linear_regression.py"
    path.write_text("# drill: linear_regression\nimport torch\n\n\n"
                    "def fit_linear_regression(x, y, lr=0.01, epochs=1000):\n"
                    "    w = torch.zeros(1, 1, dtype=x.dtype, requires_grad=True)\n"
                    "    b = torch.zeros(1, dtype=x.dtype, requires_grad=True)\n"
                    "    opt = torch.optim.SGD([w, b], lr=lr)\n"
                    "    for _ in range(epochs):\n"
                    "        opt.zero_grad()\n"
                    "        ((x @ w + b - y) ** 2).mean().backward()\n"
                    "        opt.step()\n"
                    "    return w.detach(), b.detach()\n")
    result = run_drill("check", path, "--seed", "3")
    assert result.returncode == 0, _said(result)
    assert "Modified torch" not in _said(result)


def test_a_forbidden_name_only_mentioned_passes_with_a_note_and_a_call_fails(tmp_path):
    mention = ("# drill: gelu\nimport math\nimport torch\nimport torch.nn.functional as F\n\n\n"
               "def gelu(x, approximate='none'):\n"
               "    act = F.gelu if approximate == 'never' else None\n"
               "    if approximate == 'tanh':\n"
               "        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))\n"
               "    return 0.5 * x * (1 + torch.erf(x / math.sqrt(2)))\n")
    path = tmp_path / "gelu.py"
    path.write_text(mention)
    result = run_drill("check", path, "--seed", "3")
    assert result.returncode == 0, _said(result)
    assert "mentions torch.nn.functional.gelu, which this problem forbids; it was never called" in _said(result)
    assert "(line 8)" in _said(result)
    path.write_text(mention.replace("'never'", "'none'").replace("    return 0.5 * x * (1 + torch.erf",
                                                                   "    return act(x)\n    0.5 * x * (1 + torch.erf"))
    result = run_drill("check", path, "--seed", "3", "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["error"]["kind"] == "forbidden" and report["error"]["line"] == 11
    assert report["error"]["message"].startswith("calls torch.nn.functional.gelu, which this problem forbids")


def test_validate_sweeps_several_seeds_and_names_the_failing_one(tmp_path):
    from drill.cases import plan_cases
    from drill.spec import load_spec

    good = run_drill("validate", REPO / "problems" / "basics" / "softmax.yaml", "--seeds", "3", "--json", timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
    assert json.loads(good.stdout)["ok"] is True
    # a known mistake that only differs from the reference at widths seeds 1 and 2 draw and seed 3 does
    # not: the tests catch it on seeds 1-2 and are not strict enough on seed 3; only a sweep finds that
    spec = load_spec(REPO / "problems" / "basics" / "softmax.yaml")
    widths = {seed: {c.dims["V"] for c in plan_cases(spec, seed)} for seed in (1, 2, 3)}
    rare = sorted((widths[1] | widths[2]) - widths[3])
    assert rare and widths[1] & set(rare) and widths[2] & set(rare)
    weak = tmp_path / "softmax.yaml"
    weak.write_text(SPEC.replace("mistakes:\n", "mistakes:\n  - name: wrong at one width\n    message: only at one width.\n"
                                 "    replace:\n      - [\"return e / e.sum(dim=dim, keepdim=True)\", "
                                 f"\"return e / e.sum(dim=dim, keepdim=True) * (1 + (x.shape[-1] in {rare}))\"]\n", 1))
    once = run_drill("validate", weak, "--seed", "1", "--json", timeout=300)
    assert json.loads(once.stdout)["ok"] is True, once.stdout
    swept = run_drill("validate", weak, "--seeds", "3", "--json", timeout=300)
    report = json.loads(swept.stdout)
    assert swept.returncode == 1 and report["ok"] is False
    assert "the known mistake `wrong at one width` passes the tests" in report["problems"][0]["issues"][0]
    assert report["problems"][0]["issues"][0].endswith("(seed 3)")


def test_version_and_short_help():
    version = run_drill("--version")
    assert version.returncode == 0 and version.stdout.startswith("drill ")
    short = run_drill("check", "-h")
    assert short.returncode == 0 and "Usage: drill check" in _said(short)
