"""One writer per meeting: an advisory lock file that the OS releases if the process dies."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from dialogtui import oslock
from dialogtui.errors import MeetingLocked, StoreError, os_reason
from dialogtui.i18n import _


class MeetingLock:
    def __init__(self, folder: Path, meeting_id: int):
        self.path = folder / f"meeting-{meeting_id}.lock"
        self.meeting_id = meeting_id
        self._fd: int | None = None

    def acquire(self) -> MeetingLock:
        try:
            # O_BINARY: on Windows the holder's id is read and written byte for byte.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            said = _("cannot create lock file {path}: {reason}")
            raise StoreError(said.format(path=self.path, reason=os_reason(exc))) from None
        try:
            oslock.try_lock(fd)
        except oslock.Busy:
            pid = oslock.read_holder(fd)
            os.close(fd)
            said = (
                _("meeting {id} is open in another dialogtui (process {pid}); close it there first")
                if pid
                else _("meeting {id} is open in another dialogtui; close it there first")
            )
            raise MeetingLocked(said.format(id=self.meeting_id, pid=pid)) from None
        with contextlib.suppress(OSError):
            oslock.write_holder(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            # No holder any more: the room's view, which reads the holder, then knows the
            # meeting was closed even while this process goes on (the start screen).
            with contextlib.suppress(OSError):
                os.lseek(self._fd, 0, os.SEEK_SET)
                os.write(self._fd, b" " * 20)
            with contextlib.suppress(OSError):
                oslock.unlock(self._fd)
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def holder_alive(folder: Path, meeting_id: int) -> bool:
    """Whether the process that last took meeting `meeting_id`'s lock still runs: read from
    the lock file's first bytes, without locking anything (a reader asks it)."""
    try:
        with open(folder / f"meeting-{meeting_id}.lock", "rb") as f:
            pid = int(f.read(20).decode().strip() or 0)
    except (OSError, ValueError):
        return False
    return oslock.alive(pid)


def held(folder: Path) -> list[int]:
    """The meetings whose lock a running process holds (or last held), newest file first."""
    try:
        files = sorted(folder.glob("meeting-*.lock"), key=lambda f: -f.stat().st_mtime)
    except OSError:
        return []
    ids = []
    for f in files:
        number = f.stem.removeprefix("meeting-")
        if number.isdigit() and holder_alive(folder, int(number)):
            ids.append(int(number))
    return ids
