"""Atomic, private file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from dialogtui.errors import DialogtuiError

TEMP_SUFFIX = ".dialogtui-tmp"


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync, then rename."""
    write_atomic_many({Path(path): text}, mode)


def write_atomic_many(files: dict[Path, str], mode: int = 0o600) -> None:
    """Write several files as one change, as far as a file system allows: every file is
    first written whole to a temp file beside it; only when all are on disk are they
    renamed into place. A failure while writing changes nothing; a rename that fails (an
    immutable target) is reported with what was and was not replaced."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path = Path(path)
            _remove_stale_temps(path)
            staged.append((_stage(path, text, mode), path))
        replaced: list[Path] = []
        for n, (tmp, path) in enumerate(staged):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                done = ", ".join(p.name for p in replaced)
                left = ", ".join(p.name for _, p in staged[n:])
                what = f"{done} replaced; {left} not" if done else "nothing was changed"
                raise DialogtuiError(f"cannot write {path}: {_reason(exc)}; {what}") from None
            replaced.append(path)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    for folder in dict.fromkeys(Path(p).parent for p in files):
        _fsync_dir(folder)


def _stage(path: Path, text: str, mode: int) -> str:
    folder = path.parent
    if path.is_dir():
        raise DialogtuiError(f"{path} is a folder; give a file name")
    if not folder.is_dir():
        raise DialogtuiError(f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise DialogtuiError(f"cannot write in {folder}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DialogtuiError(f"cannot write {path}: {_reason(exc)}; nothing was changed") from None
    return tmp


def _remove_stale_temps(path: Path) -> None:
    """A write killed half-way leaves its temp file: hidden, and holding the whole minutes.
    The next write of the same file removes such leftovers (only dialogtui's own)."""
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        if os.name == "nt":  # Windows will not replace a file another program has open
            return "permission denied (is the file open in another program, such as Word?)"
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
