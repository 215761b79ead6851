"""Reading a question-set file safely: bounded, regular files only, UTF-8 with clear errors.
Kept apart from the loader so that listing sets at start-up needs no pydantic."""

from __future__ import annotations

import stat
from pathlib import Path

from dialogtui.errors import Problem, QuestionSetError, os_reason
from dialogtui.i18n import _

MAX_BYTES = 1_000_000  # the largest shipped set is ~10 kB; anything this big is a mistake


def read_text(path: Path) -> str:
    """The file's text; every way reading can fail becomes a one-line Problem."""

    def fail(message: str, line: int = 1, col: int = 1) -> QuestionSetError:
        return QuestionSetError([Problem(path, line, col, message)])

    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            raise fail(_("is a directory, not a question-set file"))
        if not stat.S_ISREG(kind):
            # A pipe would block the app for ever, /dev/zero would fill the memory.
            raise fail(_("is not a regular file (a pipe or a device?); a set is a .toml file"))
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except QuestionSetError:
        raise
    except FileNotFoundError:
        raise fail(_("no such file")) from None
    except PermissionError:
        raise fail(_("permission denied: the file cannot be read")) from None
    except OSError as exc:
        raise fail(_("cannot read the file: {reason}").format(reason=os_reason(exc))) from None
    if len(data) > MAX_BYTES:
        said = _("file is too large: a question set is at most {size} kB")
        raise fail(said.format(size=MAX_BYTES // 1000))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            _("not UTF-8 text (byte {byte}); save the file as UTF-8").format(
                byte=f"0x{data[exc.start]:02x}"
            ),
            line,
            col,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is harmless, and some editors on Windows add one
    return text
