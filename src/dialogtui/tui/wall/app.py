"""The wall app: `build_wall(...)` makes it, `dialogtui wall` runs it."""

from __future__ import annotations

import os
from pathlib import Path

from textual.binding import Binding

from dialogtui.display import plain
from dialogtui.i18n import N_, _
from dialogtui.meeting.clock import Clock, SystemClock
from dialogtui.tui.textual_internals import ErrorHookApp
from dialogtui.tui.wall.screen import WallHelp, WallScreen
from dialogtui.wall.follow import Follower

# How often the wall asks whether the store changed: a change on the scribe's screen shows
# within half a second (asking costs a PRAGMA; reading again happens only after a change).
POLL_SECONDS = 0.2


class WallApp(ErrorHookApp):
    """The room's view: follows a meeting, read-only, takes no lock. Its language is the
    app's (chosen as the command line starts, before this is built); its theme is Textual's
    default, as the app's."""

    CSS_PATH = "wall.tcss"
    TITLE = "dialogtui"
    # A wall has no commands to search: its keys are v, help and quit.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1", "help", N_("Help"), priority=True),
        Binding("question_mark", "help", N_("Help"), show=False, key_display="?"),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
    ]

    def __init__(self, follower: Follower, poll_seconds: float = POLL_SECONDS):
        super().__init__()
        self.follower = follower
        self.poll_seconds = poll_seconds

    def on_mount(self) -> None:
        self.push_screen(WallScreen(self.follower, self.poll_seconds))

    def action_help(self) -> None:
        if not isinstance(self.screen, WallHelp):
            self.push_screen(WallHelp(self.screen))

    def on_unmount(self) -> None:
        self.follower.close()

    def catch_unhandled(self, error: Exception) -> bool:
        """A bug ends the wall with one sentence and a private report, never a traceback
        on the projector (with names and turns in its local variables)."""
        if os.environ.get("DIALOGTUI_DEBUG"):
            return False
        from dialogtui import crash

        self.follower.close()
        report = crash.write_report(error)
        where = (
            _("a report is in {path}").format(path=report)
            if report
            else _("no report could be written")
        )
        said = _(
            "the room's view stopped because of an internal error ({error}); the meeting "
            "itself is untouched (the view only reads it); {where}."
        ).format(error=type(error).__name__, where=where)
        self.raise_after_test(error)
        self.exit(return_code=70, message=plain(said))
        return True


def build_wall(
    db: Path | None,
    meeting: int | None,
    view: str,
    clock: Clock | None = None,
    poll_seconds: float = POLL_SECONDS,
) -> WallApp:
    """The wall over the database at `db` (None: dialogtui's own), following `meeting`
    (None: the one open in dialogtui now), in `view` (`ROOM` or `ASKER`)."""
    follower = Follower(db, meeting, view, clock or SystemClock())
    return WallApp(follower, poll_seconds)


def run_wall(meeting: int | None, view: str) -> None:
    """`dialogtui wall`: run the wall in this terminal; exit 70 after an internal error."""
    import sys

    app = build_wall(None, meeting, view)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)
