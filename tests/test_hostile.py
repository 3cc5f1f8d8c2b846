"""Hostile attempts through the installed `drill check`: each gets a clear failing verdict in bounded time."""

import json
import textwrap
import time

import pytest

from conftest import run_drill

CORRECT = """
import torch
def softmax(x, dim=-1):
    e = (x - x.amax(dim=dim, keepdim=True)).exp()
    return e / e.sum(dim=dim, keepdim=True)
"""

HOSTILE = {
    "hang_at_import": ("while True:\n    pass\n" + CORRECT, "timeout"),
    "hang_in_call": ("import torch\ndef softmax(x, dim=-1):\n    while True:\n        pass\n", "timeout"),
    "exhausts_memory": ("import torch\nhoard = []\ndef softmax(x, dim=-1):\n    while True:\n"
                        "        hoard.append(torch.ones(2**27))\n", "memory"),
    "segfault": ("import ctypes\nctypes.string_at(0)\n" + CORRECT, "crash"),
    "os_exit": ("import os\nos._exit(0)\n" + CORRECT, "exit"),
    "sys_exit_in_call": ("import sys\ndef softmax(x, dim=-1):\n    sys.exit(0)\n", "exit"),
    "reads_stdin": ("import torch\ndef softmax(x, dim=-1):\n    input('value? ')\n    return x\n", "exception"),
    "prints_megabytes": (CORRECT.replace("    e = ", "    print('x' * 300_000)\n    e = "), "output"),
    "leaves_thread": ("import threading, time\n" + CORRECT.replace(
        "    e = ", "    threading.Thread(target=time.sleep, args=(60,)).start()\n    e = "), "thread"),
    "monkeypatches_torch": ("import torch\ntorch.allclose = lambda *a, **k: True\n"
                            "torch.testing.assert_close = lambda *a, **k: None\n" + CORRECT, "tamper"),
    "forbidden_alias": ("import torch\ndef softmax(x, dim=-1):\n    return getattr(torch, 'soft' + 'max')(x, dim)\n",
                        "forbidden"),
    "forbidden_static": ("import torch.nn.functional as F\ndef softmax(x, dim=-1):\n    return F.softmax(x, dim)\n",
                         "forbidden"),
    "syntax_error": ("def softmax(x, dim=-1)\n    return x\n", "syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_attempt_fails_clearly(name, tmp_path):
    source, kind = HOSTILE[name]
    path = tmp_path / "softmax.py"
    path.write_text(source)
    started = time.monotonic()
    result = run_drill("check", path, "--json", "--timeout", "4", "--memory-limit", "1", "--seed", "3", timeout=90)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] is False
    assert elapsed < 30
    failures = [f for c in report["cases"] for f in c["failures"]]
    kinds = {f["kind"] for f in failures} | ({report["error"]["kind"]} if report["error"] else set())
    assert kind in kinds, report
    if name == "sys_exit_in_call":
        assert "sys.exit" in json.dumps(report)
    if name == "reads_stdin":
        assert "standard input" in json.dumps(report)


def test_syntax_error_shows_the_attempts_line(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text("import torch\n\ndef softmax(x, dim=-1)\n    return x\n")
    result = run_drill("check", path)
    assert result.returncode == 1
    assert "line 3" in result.stdout and "def softmax(x, dim=-1)" in result.stdout
    assert "drill/" not in result.stdout  # no drill internals


def test_forbidden_call_names_the_line(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(HOSTILE["forbidden_static"][0])
    report = json.loads(run_drill("check", path, "--json").stdout)
    assert report["error"]["line"] == 3
    assert "torch.nn.functional.softmax" in report["error"]["message"]


def test_in_place_modification_of_an_input_fails(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(textwrap.dedent("""
        import torch
        def softmax(x, dim=-1):
            x.sub_(x.amax(dim=dim, keepdim=True).detach())
            e = x.exp()
            return e / e.sum(dim=dim, keepdim=True)
    """))
    result = run_drill("check", path, "--json", "--seed", "2")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    kinds = {f["kind"] for c in report["cases"] for f in c["failures"]}
    assert "mutation" in kinds or "exception" in kinds  # a leaf that requires grad cannot even be modified


def test_returning_a_non_tensor_fails(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(CORRECT.replace("return e / e.sum(dim=dim, keepdim=True)",
                                    "return (e / e.sum(dim=dim, keepdim=True)).tolist()"))
    report = json.loads(run_drill("check", path, "--json", "--seed", "2").stdout)
    failure = report["cases"][0]["failures"][0]
    assert failure["kind"] == "type" and "list" in failure["message"]
