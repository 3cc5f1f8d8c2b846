"""Ctrl-C and SIGTERM during a check leave no worker processes behind."""

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from conftest import DRILL

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
    marker = f"DRILL_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    proc = subprocess.Popen([DRILL, "check", str(attempt), "--timeout", "120"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(_marked_processes(marker)) < 4 and time.monotonic() < deadline:  # drill, forkserver, 2 workers
        time.sleep(0.2)
    assert len(_marked_processes(marker)) >= 4, "the workers never started"
    proc.send_signal(signum)
    proc.wait(timeout=20)
    deadline = time.monotonic() + 10
    while _marked_processes(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _marked_processes(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "worker processes outlived drill"
    assert proc.returncode != 0
