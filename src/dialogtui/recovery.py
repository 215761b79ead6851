"""Text that could not be saved in the database (a full disk when quitting) goes to a small
private file instead; the next time the meeting opens, it is put back and the file removed.

Files live in the data folder's `recovered/` (or, if even that cannot be written, in the
system's temporary folder, in a folder private to the user) as JSON: the draft and the texts
of the dialogs that were open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dialogtui.atomic import write_atomic
from dialogtui.errors import DialogtuiError
from dialogtui.paths import data_home, ensure_private_dir


@dataclass
class Unsaved:
    meeting_id: int
    draft: str = ""
    kept: dict[str, str] = field(default_factory=dict)
    path: Path | None = None  # where it was found


def _folders() -> list[Path]:
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return [data_home() / "recovered", Path(tempfile.gettempdir()) / f"dialogtui-{user}"]


def save(unsaved: Unsaved, now: dt.datetime) -> Path | None:
    """Write the text somewhere it can be found again; None if nowhere can be written."""
    payload = json.dumps(
        {"meeting": unsaved.meeting_id, "draft": unsaved.draft, "kept": unsaved.kept},
        ensure_ascii=False,
    )
    name = f"meeting-{unsaved.meeting_id}-{now:%Y%m%d-%H%M%S}-{os.getpid()}.json"
    for folder in _folders():
        try:
            ensure_private_dir(folder)
            write_atomic(folder / name, payload)
        except (OSError, DialogtuiError):
            continue
        return folder / name
    return None


def pending(meeting_id: int) -> list[Unsaved]:
    """Unsaved text of this meeting from an earlier run, oldest first."""
    found = []
    for folder in _folders():
        for path in sorted(folder.glob(f"meeting-{meeting_id}-*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                draft, kept = str(data.get("draft", "")), dict(data.get("kept", {}))
            except (OSError, ValueError, TypeError, AttributeError):
                continue  # not ours, or half-written: left for the user to look at
            found.append(Unsaved(meeting_id, draft, kept, path))
    return found


def done(unsaved: Unsaved) -> None:
    """The text is safe in the database again: the file goes."""
    if unsaved.path is not None:
        with contextlib.suppress(OSError):
            unsaved.path.unlink()
