"""The command of the room's view: `dialogtui wall`."""

from __future__ import annotations

from typing import Annotated

import typer

from dialogtui.cli.root import Command, app, no_meeting
from dialogtui.errors import NoStore, StoreOutOfDate
from dialogtui.i18n import _
from dialogtui.tui.launch import meeting_id as parse_meeting_id

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8731


@app.command(
    "wall",
    cls=Command,
    short_help=_("Show the meeting to the room: a second, read-only screen."),
    help=_(
        "Show the meeting that dialogtui runs on a second screen or a projector, read-only: "
        "the step, its question, whose turn it is and the clock, in the room's view; with "
        "the next step, the notes and the speaking times in the asker's. The scribe chooses "
        "what the room sees with ctrl+w."
    ),
)
def wall_cmd(
    ctx: typer.Context,
    meeting: Annotated[
        str | None,
        typer.Argument(
            metavar="[" + _("MEETING") + "]",
            help=_("Meeting id; default the one open in dialogtui now (waits for one)."),
        ),
    ] = None,
    view: Annotated[
        str,
        typer.Option(
            "--view",
            metavar=_("VIEW"),
            help=_("room (for everyone) or asker (for the facilitator who asks)."),
        ),
    ] = "room",
    serve: Annotated[
        bool,
        typer.Option("--serve", help=_("Show it in a browser on this computer instead.")),
    ] = False,
    host: Annotated[
        str,
        typer.Option("--host", metavar=_("HOST"), help=_("With --serve: this computer only.")),
    ] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option("--port", metavar=_("PORT"), help=_("With --serve: the port."))
    ] = DEFAULT_PORT,
) -> None:
    from dialogtui.wall.view import VIEWS  # not at import: `dialogtui sets` needs none of it

    if view not in VIEWS:
        said = _("'{view}' is not a view; use room or asker")
        raise typer.BadParameter(said.format(view=view), param_hint="'--view'")
    if not serve:
        # Without --serve the room's view opens in this terminal: a host or port given
        # would be ignored, and the scribe would look for the room's view in a browser.
        for option in ("host", "port"):
            source = ctx.get_parameter_source(option)
            if source is not None and source.name != "DEFAULT":
                said = _(
                    "goes with --serve (the room's view in a browser); add it, or leave this out"
                )
                raise typer.BadParameter(said, param_hint=f"'--{option}'")
    found = parse_meeting_id(meeting) if meeting is not None else None
    if found is not None:
        _check(found)
    if serve:
        from dialogtui.tui.wall.serve import serve as serve_wall

        serve_wall(found, view, host, port)
        return
    from dialogtui.tui.wall.app import run_wall

    run_wall(found, view)


def _check(meeting: int) -> None:
    """An unknown meeting is a one-line error before the screen opens. Read without
    writing (the wall never writes, not even to bring an old file up to date: it waits for
    the scribe's dialogtui to do that)."""
    from dialogtui.store import Store

    try:
        store = Store.open_reader()
    except NoStore:
        raise no_meeting(meeting) from None
    except StoreOutOfDate:
        return
    try:
        store.meeting_row(meeting)
    finally:
        store.close()
