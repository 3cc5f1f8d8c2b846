"""Landlock (Linux >= 5.13): an unprivileged process gives up file, network and signal access for good.

A few audited ctypes calls, no dependency. `restrict` is applied by the attempt's process to itself
before the attempt's code runs: afterwards it can read only the trees it was granted, write only its
own temp dir, open no TCP connection and signal no process outside itself (ABI >= 6). The numbers
below are from include/uapi/linux/landlock.h and the generic syscall table (x86-64 and arm64 alike).
"""

import ctypes
import os

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446
_VERSION_FLAG = 1
_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | (1 << 14) | (1 << 15)  # rights a rule on a file may carry
_NET_TCP = (1 << 0) | (1 << 1)          # bind, connect (ABI >= 4)
_SCOPE_ALL = (1 << 0) | (1 << 1)        # abstract unix sockets, signals (ABI >= 6)

READ = EXECUTE | READ_FILE | READ_DIR


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def abi_version() -> int:
    """The kernel's Landlock ABI, or 0 when it has none (old kernel, disabled, not Linux)."""
    try:
        version = _libc().syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_VERSION_FLAG))
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def _fs_rights(abi: int) -> int:
    return _FS_BY_ABI[max(k for k in _FS_BY_ABI if k <= abi)]


def restrict(read: list, write: list, hidden: list) -> int:
    """Allow reading under `read` (minus anything under `hidden`), read-write under `write`; deny the rest.

    Returns the ABI applied, 0 when the kernel offers no Landlock (nothing was restricted).
    Raises OSError when the kernel has Landlock but refused the rules (the caller must not go on).
    """
    abi = abi_version()
    if abi < 1:
        return 0
    libc = _libc()
    fs = _fs_rights(abi)
    attr = _RulesetAttr(fs, _NET_TCP if abi >= 4 else 0, _SCOPE_ALL if abi >= 6 else 0)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        hidden_real = [os.path.realpath(h) for h in hidden]
        for root in read:
            _grant_tree(libc, ruleset, os.path.realpath(root), READ, hidden_real)
        for root in write:
            _grant(libc, ruleset, os.path.realpath(root), fs)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if libc.syscall(_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)
    return abi


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _grant_tree(libc, ruleset: int, root: str, rights: int, hidden: list) -> None:
    """Grant `root`, or, when a hidden path lies inside it, each of its entries except the hidden ones."""
    if not os.path.exists(root) or any(_inside(root, h) for h in hidden):
        return
    if not any(_inside(h, root) for h in hidden):
        _grant(libc, ruleset, root, rights)
        return
    for entry in os.scandir(root):
        _grant_tree(libc, ruleset, os.path.realpath(entry.path), rights, hidden)


def _grant(libc, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # vanished or unreadable: nothing to grant
    try:
        if not os.path.isdir(path):
            rights &= _FILE_ONLY
        rule = _PathBeneath(rights, fd)
        if libc.syscall(_ADD_RULE, ruleset, ctypes.c_uint32(_RULE_PATH_BENEATH), ctypes.byref(rule),
                        ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
    finally:
        os.close(fd)
