"""The attempt's process shuts itself in before any of its code runs.

Order matters: everything that needs a file (torch's lazy pieces, /dev/null) is opened first,
Landlock last. Every limit is set with soft == hard, so the attempt cannot raise it again, and is
inherited by anything it forks. Read by `drill doctor` too (describe), so no torch import here.
"""

import ctypes
import math
import os
import resource
import signal
import site
import sys

from drill.grading import landlock, seccomp

_PR_SET_PDEATHSIG = 1
SYSTEM_LIBS = ["/usr/lib", "/lib", "/lib64", "/usr/lib64", "/usr/local/lib"]
DEVICE_FILES = ["/dev/null", "/dev/urandom", "/proc/cpuinfo", "/sys/devices/system/cpu", "/etc/ld.so.cache"]


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent (the forkserver, which ends with drill) dies."""
    parent = os.getppid()
    try:
        ok = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent or parent == 1:  # the parent died before the request: die now
        os._exit(1)
    return ok


def limit_memory(extra_bytes: int) -> None:
    """Address space: what is mapped now plus extra_bytes, soft == hard (never raisable), inherited by forks."""
    if not extra_bytes:
        return
    pages = int(open("/proc/self/statm").read().split()[0])
    wanted = pages * os.sysconf("SC_PAGE_SIZE") + extra_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def limit_cpu(seconds: float) -> None:
    """A kernel backstop behind the parent's CPU-time watch: SIGXCPU, then SIGKILL a second later."""
    soft = max(int(math.ceil(seconds)) + 1, 1)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1 if hard == resource.RLIM_INFINITY else hard))


def release_forkserver() -> None:
    """Close this worker's copy of the forkserver's "drill is alive" pipe (multiprocessing hands every
    child one). Held by a spinning attempt, it kept the forkserver, and so the attempt, alive after
    `kill -9` of drill; closed, drill's death ends the forkserver and PDEATHSIG ends the worker."""
    from multiprocessing import forkserver, resource_tracker

    for holder, name in ((forkserver._forkserver, "_forkserver_alive_fd"), (resource_tracker._resource_tracker, "_fd")):
        fd = getattr(holder, name, None)
        if fd is not None:
            setattr(holder, name, None)
            try:
                os.close(fd)
            except OSError:
                pass


def close_fds(keep: list) -> None:
    """Close every descriptor above stderr but those in `keep` (its pipes to drill)."""
    fds = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))
    for fd in fds:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def isolate(task: dict, keep: list):
    """Sandbox the current (attempt) process; returns the writer that captures its prints.

    Raises OSError when the kernel has Landlock but refused it: the attempt must then not run.
    """
    from drill.grading.worker import CappedWriter  # torch is already loaded in this process

    release_forkserver()
    die_with_parent()
    os.setsid()  # its own session and process group, no controlling terminal
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # nothing of drill's terminal or stdout stays open in here
        os.dup2(devnull, fd)
    os.close(devnull)
    close_fds(keep)
    sys.stdin = open(os.devnull)
    os.chdir(task["workdir"])
    kept = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG") or k.startswith(("LC_", "OMP_", "MKL_"))}
    os.environ.clear()  # DRILL_HOME, tokens and the like are none of the attempt's business
    os.environ.update({**kept, "TMPDIR": task["workdir"], "HOME": task["workdir"]})
    import torch

    torch.set_num_threads(1)
    limit_memory(task["memory_limit"])
    limit_cpu(task["cpu_limit"])
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    seccomp.forbid_new_processes()  # threads yes, processes no: forks would multiply the memory limit
    landlock.restrict(read=readable_roots() + DEVICE_FILES, write=[task["workdir"]], hidden=task["hidden"])
    return CappedWriter()


def readable_roots() -> list:
    """Python's own trees and the system libraries: what imports and torch's lazy loading need."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *site.getsitepackages()}
    return sorted(roots) + SYSTEM_LIBS


def describe() -> list:
    """[(what, state)] for `drill doctor`: the isolation this machine gives an attempt."""
    abi = landlock.abi_version()
    rows = [("Landlock", f"ABI {abi}: the attempt reads only Python's and torch's files, writes only its temp "
             "dir" + (", opens no TCP connection" if abi >= 4 else "") + (", signals no other process" if abi >= 6
             else "") if abi else "not available on this kernel: the attempt can read and write what you can")]
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    rows.append(("Memory limit", "hard RLIMIT_AS on the attempt (soft = hard, inherited by its forks)"
                 + ("" if hard == resource.RLIM_INFINITY else f"; your own hard limit is {hard / 2**30:.1f} GiB")))
    rows.append(("Forks", "seccomp: the attempt may start threads but no processes" if seccomp.available()
                 else "not prevented on this machine (no seccomp): each forked child gets its own memory limit"))
    rows.append(("CPU limit", "the parent measures the attempt's CPU time; hard RLIMIT_CPU as a backstop"))
    rows.append(("Process", "own session and process group (setsid), no terminal, stdin /dev/null, "
                 "output captured; the whole group is killed on time-out"))
    try:
        _ = ctypes.CDLL(None).prctl
        rows.append(("Parent death", "PR_SET_PDEATHSIG: the attempt is killed when drill's worker server dies"))
    except (OSError, AttributeError):
        rows.append(("Parent death", "not available: an attempt may outlive a killed drill until its CPU limit"))
    rows.append(("cgroup", _cgroup()))
    return rows


def _cgroup() -> str:
    try:
        line = open("/proc/self/cgroup").read().strip().splitlines()[-1]
    except OSError:
        return "not available"
    path = "/sys/fs/cgroup" + line.split(":", 2)[2]
    writable = os.access(os.path.join(path, "cgroup.subtree_control"), os.W_OK)
    return (f"{line.split(':', 2)[2]} (delegated, but drill uses per-process limits)" if writable else
            f"{line.split(':', 2)[2]} (not delegated to you: drill uses per-process limits instead)")
