"""Atomic, private file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dialogtui.errors import DialogtuiError, os_reason
from dialogtui.i18n import _

TEMP_SUFFIX = ".dialogtui-tmp"


def write_atomic(path: Path, text: str | bytes, mode: int = 0o600) -> None:
    """Write `text` to `path` via a temp file in the same folder, fsync, then rename."""
    write_atomic_many({Path(path): text}, mode)


def write_atomic_many(files: dict[Path, str | bytes] | dict[Path, str], mode: int = 0o600) -> None:
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
                left = ", ".join(p.name for _tmp, p in staged[n:])
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
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    for folder in dict.fromkeys(Path(p).parent for p in files):
        _fsync_dir(folder)


def _stage(path: Path, text: str | bytes, mode: int) -> str:
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
    try:
        with os.fdopen(fd, "wb") as fh:  # text as UTF-8 with \n, as written; a PDF as is
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        said = _("cannot write {path}: {reason}; {what}")
        what = _("nothing was changed")
        raise DialogtuiError(said.format(path=path, reason=os_reason(exc), what=what)) from None
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
