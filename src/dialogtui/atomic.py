"""Atomic, private file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from dialogtui.errors import DialogtuiError


def write_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync, then rename."""
    write_atomic_many({Path(path): text}, mode)


def write_atomic_many(files: dict[Path, str], mode: int = 0o600) -> None:
    """Write several files atomically, each via its own temp file; the folders' entries
    are synced once at the end. If one fails, the ones before it are already complete."""
    folders = []
    for path, text in files.items():
        _write_one(Path(path), text, mode)
        if path.parent not in folders:
            folders.append(path.parent)
    for folder in folders:
        _fsync_dir(folder)


def _write_one(path: Path, text: str, mode: int) -> None:
    folder = path.parent
    if path.is_dir():
        raise DialogtuiError(f"{path} is a folder; give a file name")
    if not folder.is_dir():
        raise DialogtuiError(f"folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DialogtuiError(f"cannot write in {folder}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DialogtuiError(f"cannot write {path}: {_reason(exc)}; nothing was changed") from None


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
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
