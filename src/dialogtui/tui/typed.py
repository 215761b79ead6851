"""Screens that know their app is dialogtui's: `self.app.store`, `.clock` and `.report` are
typed for the type checker; and every dialog has a footer of its own keys."""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from dialogtui.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from pathlib import Path

    from dialogtui.errors import DialogtuiError
    from dialogtui.meeting.clock import Clock
    from dialogtui.records import Hit
    from dialogtui.store import Store

Result = TypeVar("Result")


class AppServices(App[None]):
    """What dialogtui's screens ask of their app, which `tui/app.py` gives them. It is here,
    below the screens, so that a screen knows its app without importing the module that
    imports the screens."""

    clock: Clock
    db_path: Path | None  # the meetings' database; None: the data folder's

    @property
    @abstractmethod
    def store(self) -> Store:
        """The meetings' database, opened on first use."""

    @abstractmethod
    def report(self, exc: DialogtuiError) -> None:
        """Say what went wrong, in a dialog or a notice."""

    @abstractmethod
    def open_meeting(self, meeting_id: int) -> Screen[Any]:
        """Go to a meeting: an unfinished one's capture screen, an ended one's end screen."""

    @abstractmethod
    def open_at(self, hit: Hit) -> None:
        """Go to what a search found: its meeting, read back at that turn, note or action."""

    @abstractmethod
    async def back_to_start(self) -> None:
        """Leave the meeting for the start screen: saved and let go, as on quit."""

    @abstractmethod
    def setup_meeting(self, set_ref: str) -> None:
        """Go to the set-up of a new meeting of a question set."""


class DialogScreen(Screen[Result]):
    if TYPE_CHECKING:
        app: AppServices


class DialogModal(ModalScreen[Result]):
    if TYPE_CHECKING:
        app: AppServices

    def on_mount(self) -> None:
        # Textual runs this as well as a dialog's own `on_mount` (it calls the handler of
        # each class a screen derives from, as its guide to events says).
        # Each dialog shows its own keys at the bottom, over the footer of the screen
        # below, whose keys do not apply while it is open.
        self.mount(KeyFooter())
