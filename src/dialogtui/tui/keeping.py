"""Nothing typed into a dialog is lost: the texts of the open forms are kept with the draft,
and a dialog open when dialogtui stopped (quit, a crash, a full disk) opens again with its
text at the next start.

Every kind of dialog whose text is kept has a `KeepKind` (`tui/dialogs/base.py`), made by the
module that opens such dialogs, and is registered here by its producer — the capture screen,
the notes list, the read-back, each step's panel — with how it opens again from what its key
is about. A kept text whose dialog cannot open again (its subject is gone, its step has gone
by) goes back into the text box, never nowhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.widget import AwaitMount, Widget

from dialogtui import recovery
from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.tui.dialogs.base import FormDialog, KeepKey, KeepKind
from dialogtui.tui.typed import DialogModal

T = TypeVar("T")


def let_go(engine: MeetingEngine, saved: bool, unsaved: recovery.Unsaved) -> str | None:
    """A meeting's screen let go (quit, back to the list): what the store could not take
    (`saved` false) goes to a recovery file that the meeting's next opening reads back, and
    the meeting's lock is released. Returns a sentence when the text went elsewhere."""
    said = None
    if not saved:
        path = recovery.save(unsaved, engine.clock.now())
        said = (
            _(
                "The last text could not be saved in the database; it is in {path} and "
                "comes back when the meeting is opened again."
            ).format(path=path)
            if path
            else _("The last text could not be saved anywhere (the disk is full).")
        )
    try:
        engine.close()
    except DialogtuiError:
        engine.store.unlock(engine.id)
    return said


class Opening:
    """A dialog, what its result goes to and, if its text is kept, the key it is kept
    under. The dialog and `done` are checked to agree when it is made: `done` takes what the
    dialog gives (or None, when it is cancelled)."""

    def __init__(
        self,
        dialog: DialogModal[T],
        done: Callable[[T | None], None],
        key: KeepKey | None = None,
    ) -> None:
        self.dialog: Widget = dialog
        self.key = key

        def push(app: App[object], closed: Callable[[], None]) -> AwaitMount:
            def given(result: T | None) -> None:
                try:
                    done(result)
                finally:
                    closed()

            return app.push_screen(dialog, given)

        self._push = push

    def push(self, app: App[object], closed: Callable[[], None]) -> AwaitMount:
        """Show the dialog; its result goes to `done`, then `closed` is called."""
        return self._push(app, closed)


# How a kind's dialog opens again, from what its key is about ("new", a card's id); None
# where its subject is gone.
Reopen = Callable[[str], Opening | None]


class DialogHost(Protocol):
    """The meeting's screen, as the dialogs of a screen above it see it (the read-back's,
    the notes list's): it opens a dialog and keeps its text with its own, and applies a
    change to the meeting (saying what went wrong, if something did)."""

    def open_dialog(self, opening: Opening) -> Awaitable[object]: ...

    def run(self, change: Callable[[], object]) -> bool: ...


def open_dialogs(screens: Sequence[Screen[object] | Widget]) -> list[FormDialog[object]]:
    """The forms open on top of a screen whose text is kept."""
    return [s for s in screens if isinstance(s, FormDialog) and s.keep_key]


class KeptDialogs:
    """The kept texts of one meeting's dialogs: kept every second while a dialog is open,
    dropped once it is saved or cancelled, offered back after a restart."""

    def __init__(self, screen: Widget, engine: MeetingEngine, to_draft: Callable[[str], None]):
        self._screen, self._engine, self._to_draft = screen, engine, to_draft
        self._kept: dict[str, str] = {}  # the texts as they are in the store, by key
        self._reopen: dict[str, tuple[KeepKind, Reopen]] = {}

    def register(self, kind: KeepKind, reopen: Reopen) -> None:
        """How `kind`'s dialog opens again; each kind is registered once."""
        if kind.name in self._reopen:
            raise RuntimeError(f"the kept dialog {kind.name!r} is registered twice")
        self._reopen[kind.name] = (kind, reopen)

    @property
    def registered(self) -> frozenset[KeepKind]:
        return frozenset(kind for kind, _reopen in self._reopen.values())

    def open(self, opening: Opening, restore: str | None = None) -> AwaitMount:
        """Show a dialog; a form's text is kept under its key until it is saved or
        cancelled, and filled in with `restore` (kept from an earlier run)."""
        dialog, key = opening.dialog, opening.key
        if isinstance(dialog, FormDialog):
            dialog.keep_key = key
            # Filled in as it mounts, before its first frame: never shown empty, then filled.
            dialog.restoring = restore

        def closed() -> None:
            if key is not None:
                self.forget(str(key))

        return opening.push(self._screen.app, closed)

    def open_texts(self) -> dict[str, str]:
        """The open forms' texts, by the keys they are kept under."""
        return {str(d.keep_key): d.kept_text() for d in open_dialogs(self._screen.app.screen_stack)}

    def save(self) -> None:
        """Keep each open form's text where it changed (the autosave, every second); a
        form emptied is forgotten. Raises a DialogtuiError if the store cannot take it."""
        for key, kept in self.open_texts().items():
            if not FormDialog.kept_values(kept):  # nothing typed: nothing to offer back
                self.forget(key)
            elif self._kept.get(key) != kept:
                self._engine.drafts.keep(key, kept)
                self._kept[key] = kept

    def forget(self, key: str) -> None:
        """The dialog is saved or cancelled: its text is no longer offered back."""
        if key in self._kept:
            try:
                self._engine.drafts.keep(key, None)
            except DialogtuiError:
                return  # kept a little longer: offered again next time, never lost
            del self._kept[key]

    def take_back(self, draft: Callable[[str], None]) -> None:
        """Texts of a run that could not save them: back into the store, the draft given
        to `draft`; then the texts the store keeps, to be opened again (`reopen`)."""
        for unsaved in recovery.pending(self._engine.id):
            if unsaved.draft.strip():
                # The box as it was when that run quit: newer than any draft saved before.
                self._engine.drafts.save(unsaved.draft)
                draft(unsaved.draft)
            for key, text in unsaved.kept.items():
                self._engine.drafts.keep(key, text)
            recovery.done(unsaved)
        self._kept = self._engine.drafts.kept()

    def reopen(self) -> None:
        """Each dialog open when dialogtui last stopped, again, with its text. One whose
        subject is gone, or whose kind no one opens, gives its text to the text box."""
        for stored, text in list(self._kept.items()):
            name, about = KeepKey.parts(stored)
            found = self._reopen.get(name)
            opening = found[1](about) if found else None
            if opening is None:
                lost = "\n".join(FormDialog.kept_values(text))
                if lost:
                    self._to_draft(lost)
                self.forget(stored)
                continue
            if opening.key is not None and str(opening.key) != stored:
                # Kept under a key written otherwise by an earlier version: under the
                # dialog's own key from now on, and only then no longer under the old one.
                self._engine.drafts.keep(str(opening.key), text)
                self._kept[str(opening.key)] = text
                self.forget(stored)
            self._screen.notify(
                _("A dialog open when dialogtui last stopped is back, with its text.")
            )
            self.open(opening, restore=text)
