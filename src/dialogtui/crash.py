"""When dialogtui itself fails: a private report in the data folder, and one sentence for
the user. The terminal gets no traceback, which would print meeting text (Textual's shows
local variables: names, turns) where anyone in the room can read it."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

from dialogtui import __version__
from dialogtui.atomic import write_atomic
from dialogtui.i18n import _
from dialogtui.paths import data_home, ensure_private_dir


def write_report(error: BaseException, now: dt.datetime | None = None) -> Path | None:
    """The traceback, without local variables, in `crash-reports/`; None if it cannot be
    written (a full disk): the app still ends as cleanly as it can."""
    now = now or dt.datetime.now().astimezone()
    text = (
        f"dialogtui {__version__} crashed at {now.isoformat()}\n"
        f"Python {sys.version.split()[0]} on {platform.platform()}\n"
        "This report can hold meeting text (names, turns): read it before sharing it.\n\n"
        + "".join(traceback.format_exception(error))
    )
    try:
        folder = ensure_private_dir(data_home() / "crash-reports")
        path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        write_atomic(path, text)
    except Exception:  # the report must never be the second failure
        return None
    return path


def sentence(error: BaseException, report: Path | None, meeting_id: int | None) -> str:
    # The report itself stays in English: it is for whoever fixes the bug.
    where = (
        _("a report is in {path}").format(path=report)
        if report
        else _("no report could be written")
    )
    resume = (
        _("`dialogtui resume {id}` opens the meeting where it stopped").format(id=meeting_id)
        if meeting_id is not None
        else _("everything saved is safe")
    )
    said = _(
        "dialogtui stopped because of an internal error ({error}); what you typed was saved"
        " and {resume}; {where}."
    )
    return said.format(error=type(error).__name__, resume=resume, where=where)
