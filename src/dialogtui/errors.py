"""Typed, user-facing errors.

Everything a user can cause (a bad file, a locked meeting, a full disk) is raised as a
subclass of `DialogtuiError`. The CLI turns it into one line on stderr and an exit code;
the TUI turns it into a dialog or notification. Nothing else should reach the user.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from dialogtui.i18n import _


@dataclass(frozen=True)
class Problem:
    """One problem in one file, at a 1-based line and column."""

    path: Path | str
    line: int
    col: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class DialogtuiError(Exception):
    """Base of every error meant for the user's eyes."""

    exit_code = 1

    @property
    def message(self) -> str:
        return str(self)


class QuestionSetError(DialogtuiError):
    """A question-set file could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownQuestionSet(DialogtuiError):
    pass


class StoreError(DialogtuiError):
    """The meeting database cannot be read or written."""


class MeetingLocked(StoreError):
    pass


class NoStore(StoreError):
    """A database to read is not there (a reader never creates one)."""


class StoreOutOfDate(StoreError):
    """A database to read was written by an older dialogtui: a writer must migrate it."""


class UnknownMeeting(DialogtuiError):
    pass


class ExportError(DialogtuiError):
    pass


class MeetingError(DialogtuiError):
    """An operation that the meeting's current state does not allow."""


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in the user's language (its own strerror is in
    English, or in the system's language on Windows)."""
    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        if os.name == "nt":  # Windows will not replace a file another program has open
            return _("permission denied (is the file open in another program, such as Word?)")
        return _("permission denied")
    reasons = {
        errno.EROFS: _("the file system is read-only"),
        errno.ENOENT: _("no such file or folder"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder"),
        errno.EISDIR: _("it is a folder"),
        errno.EEXIST: _("a file of that name is in the way"),
        errno.ENAMETOOLONG: _("the name is too long"),
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)
