"""Hostile attempts through the installed `drill check`: each gets a clear failing verdict in bounded time."""

import json
import textwrap
import time

import pytest
from helpers import run_drill

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
    "segfault": ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n" + CORRECT, "crash"),
    "ctypes": ("import ctypes\nctypes.string_at(0)\n" + CORRECT, "forbidden"),  # static: no way into memory
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
    "endless_recursion": ("def softmax(x, dim=-1):\n    return softmax(x, dim)\n", "recursion"),
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


# ---- the sandbox (issue 11): each attempt below passed, or damaged drill, before it -------------


def _check(tmp_path, source, *extra, timeout=120, env=None):
    path = tmp_path / "softmax.py"
    path.write_text(source)
    result = run_drill("check", path, "--json", "--seed", "3", *extra, timeout=timeout, env=env)
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def _kinds(report) -> set:
    failures = [f for c in report["cases"] for f in c["failures"]]
    return {f["kind"] for f in failures} | ({report["error"]["kind"]} if report["error"] else set())


EXEC_FOUND_REFERENCE = """
def softmax(x, dim=-1):
    namespace = {}
    exec(find(), namespace)
    return namespace["softmax"](x, dim)
"""

ANSWER_HUNTS = {
    "stack_walk_to_the_job": """
import sys
def find():
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()):
            if isinstance(value, dict) and isinstance(value.get("reference"), str):
                return value["reference"]
            for item in value if isinstance(value, (tuple, list)) else ():
                if isinstance(item, dict) and isinstance(item.get("reference"), str):
                    return item["reference"]
        frame = frame.f_back
""",
    "gc_hunt_for_the_spec": """
import gc
def find():
    for obj in gc.get_objects():
        if isinstance(obj, dict) and isinstance(obj.get("reference"), str) and "def softmax" in obj["reference"]:
            return obj["reference"]
        reference = getattr(obj, "reference", None) if type(obj).__name__ == "Spec" else None
        if isinstance(reference, str):
            return reference
""",
    "import_drill_and_read_the_yaml": """
import importlib
def find():
    paths = importlib.import_module("dri" + "ll.paths")
    yaml = importlib.import_module("yaml")
    text = (paths.BUILTIN_PROBLEMS / "basics" / "softmax.yaml").read_text()
    return yaml.safe_load(text)["reference"]
""",
}


@pytest.mark.parametrize("name", sorted(ANSWER_HUNTS))
def test_the_attempt_cannot_find_the_answer(name, tmp_path):
    report = _check(tmp_path, ANSWER_HUNTS[name] + EXEC_FOUND_REFERENCE)
    assert report["passed"] is False


def test_the_attempt_cannot_write_drills_data(tmp_path, drill_home):
    drill_home.mkdir(parents=True, exist_ok=True)
    target = drill_home / "planted.txt"
    source = (f"import os, sqlite3\nHOME = {str(drill_home)!r}\n"
              "for attempt in (lambda: open(os.path.join(HOME, 'planted.txt'), 'w').write('x'),\n"
              "                lambda: sqlite3.connect(os.path.join(HOME, 'drill.db')).execute('create table forged(x)')):\n"
              "    try:\n        attempt()\n    except Exception:\n        pass\n"
              "def softmax(x, dim=-1):\n    raise ValueError('wrong on purpose')\n")
    _check(tmp_path, source)
    assert not target.exists()
    assert not (drill_home / "drill.db").exists() or "forged" not in (drill_home / "drill.db").read_bytes().decode("latin-1")


def test_the_attempt_cannot_raise_its_memory_limit(tmp_path):
    source = ("import resource\n_, hard = resource.getrlimit(resource.RLIMIT_AS)\n"
              "try:\n    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))\nexcept (ValueError, OSError):\n    pass\n"
              + CORRECT.replace("    e = ", "    hoard = torch.ones(2**29)\n    e = "))
    report = _check(tmp_path, source, "--memory-limit", "0.5")
    assert "memory" in _kinds(report), report


def test_the_attempt_cannot_stop_or_kill_drill(tmp_path):
    source = ("import os, signal\nfor target in (os.getpgrp(), os.getppid()):\n"
              "    for sig in (signal.SIGSTOP, signal.SIGKILL):\n        try:\n"
              "            (os.killpg if target == os.getpgrp() else os.kill)(target, sig)\n"
              "        except OSError:\n            pass\n" + CORRECT)
    report = _check(tmp_path, source, "--timeout", "4")
    assert report["passed"] is False


def test_the_attempt_gets_no_terminal(tmp_path):
    import os
    import pty
    import subprocess

    from helpers import DRILL

    path = tmp_path / "softmax.py"
    path.write_text("try:\n    tty = open('/dev/tty', 'w')\n    tty.write('FAKE-PASS-MARKER\\n')\n    tty.flush()\n"
                    "except OSError:\n    pass\n" + CORRECT)
    master, slave = pty.openpty()

    def controlling_terminal():
        os.setsid()
        import fcntl
        import termios

        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    process = subprocess.Popen([DRILL, "check", str(path), "--seed", "3"], stdin=slave, stdout=slave, stderr=slave,
                               preexec_fn=controlling_terminal, env={**os.environ, "COLUMNS": "120"})
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    os.close(master)
    assert b"FAKE-PASS-MARKER" not in seen
    assert process.returncode == 0, seen  # the attempt is correct: only its terminal trick failed


def test_forked_children_do_not_hold_drills_output(tmp_path):
    source = ("import os, time\nif os.fork() == 0:\n    time.sleep(300)\n    os._exit(0)\n"
              + CORRECT.replace("return e /", "return 2 * e /"))
    _check(tmp_path, source, timeout=100)  # capture waits for EOF on drill's stdout: a held pipe hangs here


def test_killing_drill_kills_a_spinning_attempt(tmp_path):
    import os
    import signal
    import subprocess

    from helpers import DRILL

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    path = tmp_path / "softmax.py"
    path.write_text("import os\nopen('pid', 'w').write(str(os.getpid()))\nwhile True:\n    pass\n" + CORRECT)
    process = subprocess.Popen([DRILL, "check", str(path), "--timeout", "300"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(scratch)})
    pid_file = None
    deadline = time.monotonic() + 90
    while pid_file is None and time.monotonic() < deadline:
        found = [p for p in scratch.glob("drill-attempt-*/pid") if p.read_text()]
        pid_file = found[0] if found else None
        time.sleep(0.2)
    assert pid_file is not None, "the attempt never started"
    attempt_pid = int(pid_file.read_text())
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(attempt_pid):
        time.sleep(0.2)
    alive = _alive(attempt_pid)
    if alive:
        os.kill(attempt_pid, signal.SIGKILL)
    assert not alive, "the attempt kept running after drill was killed"


def _alive(pid) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_doctor_says_what_isolation_this_machine_gives():
    from drill.grading import landlock

    result = run_drill("doctor", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    if landlock.abi_version() >= 1:
        assert rows["Landlock"].startswith(f"ABI {landlock.abi_version()}")
        assert rows["Landlock probe"].startswith("verified")
    else:
        assert "not available" in rows["Landlock"]
    assert "RLIMIT_AS" in rows["Memory limit"]


SWITCHES_OFF_THE_RULES = {
    # statically visible: rejected before anything runs
    "disable_torch_function": ("import torch\ndef softmax(x, dim=-1):\n    with torch._C.DisableTorchFunction():\n"
                               "        return getattr(torch, 'soft' + 'max')(x, dim)\n"),
    "pop_the_mode": ("import torch\nfrom torch.overrides import _pop_mode, _push_mode\ndef softmax(x, dim=-1):\n"
                     "    mode = _pop_mode()\n    try:\n        return getattr(torch, 'soft' + 'max')(x, dim)\n    finally:\n"
                     "        _push_mode(mode)\n"),
    "torch_ops_aten": "import torch\ndef softmax(x, dim=-1):\n    return torch.ops.aten._softmax(x, dim, False)\n",
    "private_torch_function": "import torch\ndef softmax(x, dim=-1):\n    return torch._softmax(x, dim, False)\n",
    # computed names: the ATen op underneath is caught at run time
    "softmin_of_minus_x": "import torch.nn.functional as F\ndef softmax(x, dim=-1):\n    return F.softmin(-x, dim)\n",
    "computed_torch_ops": ("import torch\ndef softmax(x, dim=-1):\n"
                           "    return getattr(getattr(torch, 'o' + 'ps').aten, '_soft' + 'max')(x, dim, False)\n"),
    "computed_private_function": ("import torch\ndef softmax(x, dim=-1):\n"
                                  "    return getattr(torch, '_soft' + 'max')(x, dim, False)\n"),
    "computed_disable_torch_function": ("import torch\ndef softmax(x, dim=-1):\n"
                                        "    with getattr(torch, '_' + 'C').DisableTorchFunction():\n"
                                        "        return getattr(torch, 'soft' + 'max')(x, dim)\n"),
    "patch_the_rules": ("import contextlib, importlib, torch\ntry:\n"
                        "    rules = importlib.import_module('dri' + 'll.grading.rules')\n"
                        "    rules.forbidden_mode = lambda *a, **k: contextlib.nullcontext()\n"
                        "    rules.forbidden_aten = lambda *a, **k: {}\nexcept Exception:\n    pass\n"
                        "def softmax(x, dim=-1):\n    return getattr(torch, 'soft' + 'max')(x, dim)\n"),
}


@pytest.mark.parametrize("name", sorted(SWITCHES_OFF_THE_RULES))
def test_switching_off_the_forbidden_call_rule_fails(name, tmp_path):
    report = _check(tmp_path, SWITCHES_OFF_THE_RULES[name])
    assert "forbidden" in _kinds(report), report


def test_replacing_the_mutation_check_does_not_hide_a_mutation(tmp_path):
    source = ("import importlib\nfor name in ('dri' + 'll.grading.worker', 'dri' + 'll.grading.judge'):\n    try:\n"
              "        module = importlib.import_module(name)\n        module._same = lambda a, b: True\n"
              "        module.digests = lambda inputs: {}\n    except Exception:\n        pass\n"
              + CORRECT.replace("    return e / e.sum(dim=dim, keepdim=True)",
                                "    out = e / e.sum(dim=dim, keepdim=True)\n    x.data.zero_()\n    return out"))
    report = _check(tmp_path, source)
    assert "mutation" in _kinds(report), report


def test_a_planted_pickle_cache_runs_no_code(tmp_path, drill_home):
    import os
    import pickle

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    (drill_home / "cache").mkdir(parents=True)
    (drill_home / "cache" / "specs.pickle").write_bytes(pickle.dumps(Payload()))
    (drill_home / "cache" / "specs.json").write_text('{"stamp": 1, "entries": {"x": {"__reduce__": 1}}}')
    result = run_drill("list")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


def test_forked_memory_hogs_fail(tmp_path):
    # each child stays under the limit; together they hold 1.6 GB under a 0.5 GiB limit
    source = ("import os, time, torch\nfor _ in range(4):\n    if os.fork() == 0:\n"
              "        hog = torch.ones(10**8)\n        time.sleep(30)\n        os._exit(0)\n" + CORRECT)
    report = _check(tmp_path, source, "--memory-limit", "0.5")
    assert report["passed"] is False
    assert "Resource temporarily unavailable" in json.dumps(report), report


ESCAPES = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[1;1H\rPASSED\x1b[0m"


def test_escape_sequences_from_the_attempt_are_shown_inert(tmp_path):
    source = (f"print({ESCAPES!r})\n" + "def softmax(x, dim=-1):\n    raise ValueError(" + repr(ESCAPES) + ")\n")
    path = tmp_path / "softmax.py"
    path.write_text(source)
    for args in (["--json"], []):
        result = run_drill("check", path, "--seed", "3", *args)
        assert result.returncode == 1, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\r" not in result.stdout
        assert "\\x1b]52" in (json.dumps(json.loads(result.stdout)) if args else result.stdout).replace("\\\\", "\\")


FORGED_RESULTS = {
    # an 8 MB tensor referenced 300 times: 2.4 GB once decoded, if shared references were allowed
    "shared_references": ("raw = bytes(8 << 20)\nblob = {'__tensor__': ('uint8', [8 << 20], raw)}\n"
                          "forged = {'runs': [{'case': 0, 'dtype': 'float64', 'outputs': [blob] * 300}]}"),
    "malformed": "forged = {'runs': 'all passed', 'printed': 7}",
    "deep": "forged = []\nfor _ in range(500):\n    forged = [forged]",
    "wrong_tensor_header": "forged = {'runs': [{'case': 0, 'dtype': 'float64', 'outputs': {'__tensor__': ('float64', [10**9], b'')}}]}",
}


# names computed at run time get past the static scan: the attempt's process is the attacker's, and
# what it sends is all the reference side ever sees
WORKER_GLOBALS = """
def worker_globals():
    try:
        raise RuntimeError
    except RuntimeError as exc:
        frame = getattr(exc.__traceback__, "tb_" + "frame")
    while frame is not None:
        found = getattr(frame, "f_" + "globals")
        if "protocol" in found and hasattr(found["protocol"], "encode"):
            return found
        frame = getattr(frame, "f_" + "back")
"""


@pytest.mark.parametrize("name", sorted(FORGED_RESULTS))
def test_forged_results_fail_the_attempt_with_a_clear_reason(name, tmp_path):
    source = (FORGED_RESULTS[name] + "\n" + WORKER_GLOBALS
              + "worker_globals()['protocol'].encode = lambda value: forged\n" + CORRECT)
    report = _check(tmp_path, source, "--memory-limit", "1", timeout=180)
    assert report["passed"] is False
    assert report["error"]["kind"] == "protocol", report


def test_a_correct_attempt_passes_under_the_users_own_address_space_limit(tmp_path):
    import os
    import resource
    import subprocess

    from helpers import DRILL

    path = tmp_path / "softmax.py"
    path.write_text(CORRECT)
    limit = 4 << 30  # like `ulimit -v 4000000`: below what torch maps plus drill's default 4 GiB

    def lower():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([DRILL, "check", str(path), "--json", "--seed", "3"], capture_output=True, text=True,
                            preexec_fn=lower, timeout=120, env={**os.environ})
    assert result.returncode == 0, (result.stdout[-600:], result.stderr[-600:])


def test_a_drill_package_in_the_current_directory_is_never_imported(tmp_path):
    (tmp_path / "drill").mkdir()
    marker = tmp_path / "imported"
    (tmp_path / "drill" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n")
    (tmp_path / "softmax.py").write_text(CORRECT)
    result = run_drill("check", "softmax.py", "--seed", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists()
