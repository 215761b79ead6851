"""Start the app from the CLI (kept apart so `dialogtui sets` never imports Textual)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _

if TYPE_CHECKING:
    from dialogtui.store import Store


def launch(set_ref: str | None = None, meeting_id: int | None = None) -> None:
    import sys

    from dialogtui.export.leftovers import sweep_in_background
    from dialogtui.tui.app import build_app

    # An export killed half-way left hidden temp files holding whole minutes: gone at start.
    sweep_in_background()
    app = build_app(set_ref=set_ref, meeting_id=meeting_id)
    app.run()
    if app.return_code:  # 70 after an internal error, as the CLI's exit codes say
        sys.exit(app.return_code)


def meeting_id(text: str) -> int:
    """A meeting id as typed on the command line."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 0 < value < 2**63:  # SQLite's ids are positive 64-bit integers
        said = _("'{text}' is not a meeting id; `dialogtui meetings` lists them")
        raise DialogtuiError(said.format(text=text))
    return value


def meeting_to_resume(store: Store, meeting: str | None) -> int:
    """The meeting `dialogtui resume [MEETING]` opens: the one named, or the latest
    unfinished one."""
    from dialogtui.records import MeetingStatus

    if meeting is None:
        open_ids = [m.id for m in store.list_meetings() if m.status is MeetingStatus.open]
        if not open_ids:
            raise DialogtuiError(_("no unfinished meeting to resume; `dialogtui` starts one"))
        return max(open_ids)
    found = meeting_id(meeting)
    store.meeting_row(found)  # an unknown meeting is a one-line error before the screen opens
    return found


def resume(meeting: str | None) -> bool:
    """`dialogtui resume [MEETING]` without building the command line: resuming is how a
    scribe usually starts, and the CLI's parser costs a tenth of the start-up. False when
    the meeting cannot be opened, so that the CLI, run next, says why in its own words."""
    from dialogtui.store import Store

    try:
        store = Store.open()
        try:
            found = meeting_to_resume(store, meeting)
        finally:
            store.close()
    except DialogtuiError:
        return False
    launch(meeting_id=found)
    return True
