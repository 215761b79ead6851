"""The `dialogtui` application that every command registers on, its own options, the
order its help lists the commands in, and the store as commands open it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from dialogtui import __version__, i18n
from dialogtui.cli._speaking import SpeakingCommand, SpeakingGroup
from dialogtui.errors import UnknownMeeting
from dialogtui.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from dialogtui.store import Store

EXIT_CODES = _(
    "Exit codes: 0 success; 1 invalid input or data (each problem is reported as "
    "PATH:LINE:COL: message, or as one line saying what went wrong); 2 usage error; 70 an "
    "internal error (a bug: please report it)."
)

# The order `dialogtui --help` lists the commands in: opening the app (and the room's view
# of it), the question sets, the app's language, then the meetings and what they hold.
# Each noun's module registers its own commands, so the order they are registered in is
# not this one.
ORDER = (
    "run",
    "resume",
    "wall",
    "sets",
    "show",
    "validate",
    "schema",
    "new",
    "language",
    "meetings",
    "search",
    "export",
    "actions",
    "notes",
    "forget",
)


class _Group(SpeakingGroup):
    def list_commands(self, ctx) -> list[str]:
        names = super().list_commands(ctx)
        last = len(ORDER)  # a command not in the order still shows, after the others
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else last)


Command = SpeakingCommand  # every command's class: its usage and help in the app's language

app = typer.Typer(
    cls=_Group,
    name="dialogtui",
    help=_("The scribe's tool for structured dialogue meetings. Without a command, opens the app.")
    + "\n\n"
    + EXIT_CODES,
    no_args_is_help=True,  # only when run as `dialogtui.cli`; the console script opens the app
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"dialogtui {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar=_("LANG"),
            help=_("The app's language: {languages} (default: your choice, your system's).").format(
                languages=languages_or()
            ),
        ),
    ] = None,
) -> None:
    """Options of `dialogtui` itself; with no command at all, `entry.main` opens the app."""


def languages_or() -> str:
    """The languages the app speaks, as a choice of one: "sv, fi, da, nb or en"."""
    *first, last = i18n.LANGUAGES
    return _("{first} or {last}").format(first=", ".join(first), last=last)


@contextlib.contextmanager
def writing_store() -> Iterator[Store]:
    """The store, for a command that changes it (migrated to this dialogtui's schema)."""
    from dialogtui.store import Store

    store = Store.open()
    try:
        yield store
    finally:
        store.close()


@contextlib.contextmanager
def reading_store() -> Iterator[Store | None]:
    """The store, for a command that only reads it: read-only, so that it works on a
    read-only disk and beside the app's writer without waiting on it; a file an older
    dialogtui wrote is brought up to date first, as the app would. None where nothing was
    ever saved: reading creates no database (the command reads as from an empty one)."""
    from dialogtui.store import Store
    from dialogtui.store.connection import default_db_path

    if _nothing_saved(default_db_path()):
        yield None
        return
    store = Store.open_for_reading()
    try:
        yield store
    finally:
        store.close()


def _nothing_saved(path: Path) -> bool:
    """Whether no database is at `path` and one could be made there: the nearest of its
    folders that exists is a folder (a data folder that is a file is the store's to
    explain, and a file that cannot be looked at too)."""
    try:
        if path.exists():
            return False
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        return folder.is_dir()
    except OSError:
        return False


def no_meeting(meeting_id: int) -> UnknownMeeting:
    """What the store says of a meeting it does not hold, where there is no store at all."""
    return UnknownMeeting(
        _("no meeting with id {id}; `dialogtui meetings` lists them").format(id=meeting_id)
    )
