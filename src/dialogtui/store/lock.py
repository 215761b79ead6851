"""One writer per meeting: an advisory lock file that the OS releases if the process dies."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from dialogtui.errors import MeetingLocked, StoreError


class MeetingLock:
    def __init__(self, folder: Path, meeting_id: int):
        self.path = folder / f"meeting-{meeting_id}.lock"
        self.meeting_id = meeting_id
        self._fd: int | None = None

    def acquire(self) -> MeetingLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot create lock file {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                pid = int(os.pread(fd, 32, 0).decode().strip() or 0)
                holder = f" (process {pid})" if pid else ""
            os.close(fd)
            raise MeetingLocked(
                f"meeting {self.meeting_id} is open in another dialogtui{holder}; "
                "close it there first"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
            self._fd = None
