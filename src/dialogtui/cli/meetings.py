"""The commands of meetings: `run` and `resume` (which open the app), `meetings`, `forget`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dialogtui.cli.output import columns, say
from dialogtui.cli.root import Command, app, reading_store, writing_store
from dialogtui.display import visible
from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _, date_text, number_text, status_name
from dialogtui.tui.launch import meeting_id as parse_meeting_id  # as the resume fast path


@app.command(
    "run",
    cls=Command,
    short_help=_("Open the app, at a new meeting's set-up from SET if given."),
    help=_("Open the app (at the set-up of a new meeting from SET, if given)."),
)
def run_cmd(
    set_ref: Annotated[
        str | None,
        typer.Argument(metavar="[" + _("SET") + "]", help=_("Start a meeting from this set.")),
    ] = None,
) -> None:
    """Open the app (at the set-up of a new meeting from SET, if given)."""
    from dialogtui.tui.launch import launch

    if set_ref is not None:
        from dialogtui.questionset.library import locate

        locate(set_ref)  # an unknown set is a one-line error here, before the screen opens
    launch(set_ref=set_ref)


@app.command(
    "resume", cls=Command, help=_("Open the app at an unfinished meeting, where it stopped.")
)
def resume_cmd(
    meeting: Annotated[
        str | None,
        typer.Argument(metavar="[" + _("MEETING") + "]", help=_("Meeting id; default the latest.")),
    ] = None,
) -> None:
    """Open the app at an unfinished meeting, where it stopped."""
    from dialogtui.tui.launch import launch, meeting_to_resume

    with writing_store() as store:
        meeting_id = meeting_to_resume(store, meeting)
    launch(meeting_id=meeting_id)


@app.command(
    "meetings",
    cls=Command,
    short_help=_("List meetings with their status, turns and open actions."),
    help=_("List meetings: id, date, set, title, status, turns, open actions."),
)
def meetings_cmd() -> None:
    """List meetings: id, date, set, title, status, turns, open actions."""
    with reading_store() as store:
        rows = store.list_meetings() if store else []
    if not rows:
        say(_("No meetings yet. `dialogtui` starts one."))
        return
    columns(
        [_("id"), _("date"), _("title"), _("set"), _("status"), _("turns"), _("open actions")],
        (
            [
                str(m.id),
                date_text(m.date),
                m.title,
                m.set_id,
                status_name(m.status.value),
                number_text(m.turn_count),
                number_text(m.open_actions),
            ]
            for m in rows
        ),
        right=frozenset({0, 5, 6}),
    )


@app.command("forget", cls=Command, help=_("Delete a meeting, its turns and actions, for good."))
def forget_cmd(
    meeting: Annotated[str, typer.Argument(metavar=_("MEETING"), help=_("Meeting id."))],
    yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
) -> None:
    """Delete a meeting, its turns and actions, for good."""
    meeting_id = parse_meeting_id(meeting)
    with writing_store() as store:
        info = store.meeting_info(meeting_id)
        if not yes:
            if not sys.stdin.isatty():
                raise DialogtuiError(_("not deleting without confirmation; add --yes in scripts"))
            asked = _("Delete meeting {id} ({title}, {date}) for good?")
            typer.confirm(
                visible(asked.format(id=meeting_id, title=info.title, date=info.date)),
                abort=True,
            )
        store.lock(meeting_id)
        store.forget(meeting_id)
    say(_("meeting {id} deleted").format(id=meeting_id))
    left = _export_folders(meeting_id)
    if left:
        said = _("Its exported files are not deleted; delete them yourself if they must go:")
        say(said + "\n" + "\n".join(f"  {folder}" for folder in left))


def _export_folders(meeting_id: int) -> list[Path]:
    """The folders of the data folder's exports that hold the meeting's documents, in any
    language they were named in ("möte-14", "kokous-14-fi", "möte-14-familjen")."""
    from dialogtui.export import names
    from dialogtui.i18n import LANGUAGES
    from dialogtui.paths import data_home

    exports = data_home() / "exports"
    stems = {
        names.folder_name([names.words(language)["meeting"].format(n=meeting_id)])
        for language in LANGUAGES
    }
    try:
        folders = sorted(p for p in exports.iterdir() if p.is_dir())
    except OSError:
        return []
    return [p for p in folders if any(p.name == s or p.name.startswith(s + "-") for s in stems)]
