"""The one module that speaks to the operating system's file locks: `fcntl.flock` on Linux
and macOS, `msvcrt.locking` on Windows. Everything else in dialogtui is portable Python, and
a test keeps it so (tests/test_portability.py).

Either way the lock is the operating system's own: it is released when the process ends,
however it ends (a crash, `kill -9`, a laptop's battery), so a meeting is never locked for
good by a process that is gone.
"""

from __future__ import annotations

import os

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt  # type: ignore[import-not-found,unused-ignore]

# On Windows a locked byte can be neither read nor written by others, so the lock is taken
# on a byte far past the holder's process id, which the file keeps at its start.
_LOCKED_BYTE = 1 << 30


class Busy(Exception):
    """Another process holds the lock."""


def try_lock(fd: int) -> None:
    """Lock the open file `fd` for this process, or raise `Busy` at once."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy() from None
        return
    os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        raise Busy() from None


def unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return
    os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def write_holder(fd: int) -> None:
    """Note this process as the holder, for the message another one shows."""
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid():<20}".encode())  # a fixed width: no stale digits are left


def read_holder(fd: int) -> int | None:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        return int(os.read(fd, 20).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


def alive(pid: int) -> bool:
    """Whether process `pid` runs, asked without touching it or any lock (the room's view
    asks it of a meeting lock's holder, and must never keep the scribe's app out)."""
    if pid <= 0:
        return False
    if fcntl is not None:
        try:
            os.kill(pid, 0)  # signal 0: only asks
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's: it runs
            return True
        return True
    # On Windows os.kill would end the process: ask the kernel for its exit code instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
