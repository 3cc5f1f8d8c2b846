"""Ctrl-C and SIGTERM during a check or a practice session leave no worker processes behind,
and a session interrupted mid-check stays resumable with its file intact."""

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pexpect
import pytest
from helpers import CORRECT_SOFTMAX as CORRECT
from helpers import DRILL
from helpers import attempt_rows as rows

HANGS = "import torch\ndef softmax(x, dim=-1):\n    while True:\n        pass\n"


def _marked_processes(marker: str) -> list:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_a_check_leaves_no_orphans(tmp_path, signum):
    attempt = tmp_path / "softmax.py"
    attempt.write_text(HANGS)
    name, marker = "DRILL_TEST_MARK", uuid.uuid4().hex
    proc = subprocess.Popen([DRILL, "check", str(attempt), "--timeout", "120"], env={**os.environ, name: marker},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_workers(marker)
    proc.send_signal(signum)
    proc.wait(timeout=20)
    _assert_no_process_left(marker)
    assert proc.returncode != 0


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupting_a_session_mid_check_keeps_it_resumable(tmp_path, drill_home, how):
    folder = tmp_path / "work"
    name, marker = "DRILL_TEST_MARK", uuid.uuid4().hex
    env = {**os.environ, name: marker, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(DRILL, ["start", "softmax", "--no-editor", "--dir", str(folder)],
                          env=env, encoding="utf-8", timeout=90, dimensions=(50, 160))
    child.expect("watching")
    [path] = folder.glob("softmax-*.py")
    path.write_text("# drill: softmax\n" + HANGS)  # the user's save: a check starts and hangs
    _wait_for_workers(marker)
    if how == "ctrl-c":
        child.sendintr()
    else:
        child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    _assert_no_process_left(marker)
    [attempt] = rows(drill_home)
    assert attempt["outcome"] == "open" and attempt["segment_started_at"] is None
    assert path.read_text() == "# drill: softmax\n" + HANGS
    path.write_text(CORRECT)                       # fixed while drill was not running
    resumed = pexpect.spawn(DRILL, ["start", "--resume", "--no-editor"], env=env, encoding="utf-8", timeout=90,
                            dimensions=(50, 160))
    resumed.expect("solved softmax in")
    resumed.expect(pexpect.EOF, timeout=30)
    resumed.close()
    assert resumed.exitstatus == 0
    [again] = rows(drill_home)
    assert again["id"] == attempt["id"] and again["outcome"] == "solved"


def _wait_for_workers(marker: str) -> None:
    deadline = time.monotonic() + 30
    while len(_marked_processes(marker)) < 4 and time.monotonic() < deadline:  # drill, forkserver, 2 workers
        time.sleep(0.2)
    assert len(_marked_processes(marker)) >= 4, "the workers never started"


def _assert_no_process_left(marker: str) -> None:
    deadline = time.monotonic() + 10
    while _marked_processes(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _marked_processes(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "worker processes outlived drill"
