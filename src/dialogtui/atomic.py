"""Atomic, private file writes: a reader sees the old file or the new one, never half.

Each file is first written to a hidden temp file beside it (`.NAME.<random letters>.dialogtui-tmp`),
which holds the whole text: a write killed half-way leaves it behind. So a write locks its
temp file from the moment it exists until it is renamed into place (the operating system
lets the lock go however the process ends), and `sweep_temps` removes the temp files that
no live write holds. A live write of another process is never touched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
import time
from pathlib import Path

from dialogtui import oslock
from dialogtui.errors import DialogtuiError, os_reason
from dialogtui.i18n import _

TEMP_SUFFIX = ".dialogtui-tmp"
# An empty temp file may be one a write has just made and not yet locked; and on Windows a
# write closes (and so unlocks) its temp files before renaming them, which it cannot do
# while they are open. Such a file is left alone for this long.
GRACE_SECONDS = 60.0
# On Windows an open file cannot be renamed: the temp file is closed once written.
_CLOSE_BEFORE_RENAME = os.name == "nt"
# This process's own temp files being written: never swept, whatever the locks say (a
# lock by byte range, as on Windows, does not keep a process from its own files).
_ours: set[str] = set()
_ours_lock = threading.Lock()


def write_atomic(path: Path, text: str | bytes, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync, then rename."""
    write_atomic_many({Path(path): text}, mode)


def write_atomic_many(files: dict[Path, str | bytes] | dict[Path, str], mode: int = 0o600) -> None:
    """Write several files as one change, as far as a file system allows: every file is
    first written whole to a temp file beside it; only when all are on disk are they
    renamed into place. A failure while writing changes nothing; a rename that fails (an
    immutable target) is reported with what was and was not replaced."""
    staged: list[tuple[str, int | None, Path]] = []
    try:
        for path, text in files.items():
            path = Path(path)
            # A write of this file killed half-way left its temp file: gone now.
            sweep_temps(path.parent, f".{path.name}.")
            staged.append((*_stage(path, text, mode), path))
        replaced: list[Path] = []
        for n, (tmp, _fd, path) in enumerate(staged):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                done = ", ".join(p.name for p in replaced)
                left = ", ".join(p.name for _tmp, _fd, p in staged[n:])
                what = (
                    _("{done} replaced; {left} not").format(done=done, left=left)
                    if done
                    else _("nothing was changed")
                )
                said = _("cannot write {path}: {reason}; {what}")
                raise DialogtuiError(
                    said.format(path=path, reason=os_reason(exc), what=what)
                ) from None
            replaced.append(path)
    finally:
        for tmp, fd, _path in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # one not renamed: nothing of it is left
            if fd is not None:  # the lock goes only now, after the rename
                with contextlib.suppress(OSError):
                    os.close(fd)
            with _ours_lock:
                _ours.discard(tmp)
    for folder in dict.fromkeys(Path(p).parent for p in files):
        _fsync_dir(folder)


def _stage(path: Path, text: str | bytes, mode: int) -> tuple[str, int | None]:
    """The temp file written whole, and its descriptor, kept open (and locked) until the
    rename where the system allows it."""
    folder = path.parent
    if path.is_dir():
        raise DialogtuiError(_("{path} is a folder; give a file name").format(path=path))
    if not folder.is_dir():
        raise DialogtuiError(_("folder {folder} does not exist").format(folder=folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        said = _("cannot write in {folder}: {reason}")
        raise DialogtuiError(said.format(folder=folder, reason=os_reason(exc))) from None
    with _ours_lock:
        _ours.add(tmp)
    try:
        # Locked before a byte of the text is in it: a sweep that gets the lock of a temp
        # file that is not empty knows that its write is dead.
        _lock_own(fd)
        os.lseek(fd, 0, os.SEEK_SET)  # Windows' lock is taken on a byte far past the start
        with os.fdopen(fd, "wb", closefd=False) as fh:  # UTF-8 with \n, as written; a PDF as is
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        with _ours_lock:
            _ours.discard(tmp)
        said = _("cannot write {path}: {reason}; {what}")
        what = _("nothing was changed")
        raise DialogtuiError(said.format(path=path, reason=os_reason(exc), what=what)) from None
    if _CLOSE_BEFORE_RENAME:
        os.close(fd)
        return tmp, None
    return tmp, fd


def _lock_own(fd: int) -> None:
    """Lock a temp file just made; a sweep that looks at it in the same instant holds the
    lock for a moment, so it is asked again for a little while."""
    for _attempt in range(200):
        try:
            oslock.try_lock(fd)
            return
        except oslock.Busy:
            time.sleep(0.005)
        except OSError:  # a file system without locks: the grace period must do
            return


def sweep_temps(folder: Path, prefix: str = ".", now: float | None = None) -> int:
    """Remove the temp files in `folder` (those whose names begin with `prefix`) that were
    left by a write that died: unlocked, and either not empty or older than the grace
    period. Never raises: a folder that is gone or unreadable is simply not swept. Gives
    how many were removed."""
    try:
        with os.scandir(folder) as found:
            names = [
                e.path
                for e in found
                if e.name.startswith(prefix)
                and e.name.endswith(TEMP_SUFFIX)
                and e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return 0
    return sum(_sweep(name, time.time() if now is None else now) for name in names)


def _sweep(path: str, now: float) -> bool:
    with _ours_lock:
        if path in _ours:
            return False
    try:
        # Not through a link put in its place, and never waiting on a FIFO named so.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return False
    stale = False
    try:
        try:
            oslock.try_lock(fd)
        except (oslock.Busy, OSError):
            return False  # a live write holds it
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return False
        stale = now - info.st_mtime > GRACE_SECONDS or (
            info.st_size > 0 and not _CLOSE_BEFORE_RENAME
        )
        if stale and not _CLOSE_BEFORE_RENAME:
            with contextlib.suppress(OSError):
                os.unlink(path)  # while it is locked: no write can take it meanwhile
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    if stale and _CLOSE_BEFORE_RENAME:  # Windows removes no file that is open
        with contextlib.suppress(OSError):
            os.unlink(path)
    return stale and not os.path.exists(path)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
