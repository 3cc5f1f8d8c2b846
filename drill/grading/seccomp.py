"""A seccomp filter with one job: the attempt's process may start threads but no new processes.

Forked children would each get their own memory limit (a fork bomb of memory hogs) and could
leave the process group. Threads (clone with CLONE_THREAD) stay allowed: torch needs them. clone3
answers ENOSYS so glibc falls back to clone, whose flags the filter can read. Eighteen BPF
instructions from linux/filter.h and linux/seccomp.h, for x86-64 and arm64 only.
"""

import ctypes
import errno
import platform

_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _PR_GET_SECCOMP, _MODE_FILTER = 38, 22, 21, 2
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_CLONE_THREAD = 0x00010000
_NEVER = 0xFFFFFFFF  # a syscall number that does not exist on this architecture

# machine: (AUDIT_ARCH, clone, clone3, fork, vfork)
_ARCHES = {"x86_64": (0xC000003E, 56, 435, 57, 58), "aarch64": (0xC00000B7, 220, 435, _NEVER, _NEVER)}


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def available() -> bool:
    if platform.machine() not in _ARCHES:
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_GET_SECCOMP, 0, 0, 0, 0) >= 0
    except (OSError, AttributeError):
        return False


def forbid_new_processes() -> bool:
    """Install the filter on this process (inherited by its threads); False where it is not possible."""
    if platform.machine() not in _ARCHES:
        return False
    arch, clone, clone3, fork, vfork = _ARCHES[platform.machine()]
    again, denied = _ERRNO | errno.EAGAIN, _ERRNO | errno.EPERM
    program = [
        (_LD_ABS, 0, 0, 4),              # 0  the architecture
        (_JEQ, 1, 0, arch),              # 1  ours: go on at 3
        (_RET, 0, 0, denied),            # 2  a foreign ABI (i386 on x86-64): nothing at all
        (_LD_ABS, 0, 0, 0),              # 3  the syscall number
        (_JGE, 0, 1, 0x40000000),        # 4  x32 numbers
        (_RET, 0, 0, denied),            # 5
        (_JEQ, 0, 1, clone3),            # 6
        (_RET, 0, 0, _ERRNO | errno.ENOSYS),  # 7  glibc falls back to clone
        (_JEQ, 0, 1, fork),              # 8
        (_RET, 0, 0, again),             # 9
        (_JEQ, 0, 1, vfork),             # 10
        (_RET, 0, 0, again),             # 11
        (_JEQ, 1, 0, clone),             # 12 clone: look at its flags at 14
        (_RET, 0, 0, _ALLOW),            # 13 every other syscall
        (_LD_ABS, 0, 0, 16),             # 14 args[0] (low half): the clone flags
        (_JSET, 0, 1, _CLONE_THREAD),    # 15
        (_RET, 0, 0, _ALLOW),            # 16 a thread
        (_RET, 0, 0, again),             # 17 a process
    ]
    filters = (_Filter * len(program))(*[_Filter(*instruction) for instruction in program])
    prog = _Program(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    if libc.prctl(_PR_SET_SECCOMP, _MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
    return True
