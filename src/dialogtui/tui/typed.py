"""Screens that know their app is dialogtui's: `self.app.store`, `.clock` and `.report` are
typed for the type checker; and every dialog has a footer of its own keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen

from dialogtui.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from dialogtui.tui.app import DialogApp

Result = TypeVar("Result")


class DialogScreen(Screen[Result]):
    if TYPE_CHECKING:
        app: DialogApp


class DialogModal(ModalScreen[Result]):
    if TYPE_CHECKING:
        app: DialogApp

    def on_mount(self, event: events.Mount) -> None:
        # Textual runs this as well as a dialog's own `on_mount` (it calls the handler of
        # each class a screen derives from, as its guide to events says).
        # Each dialog shows its own keys at the bottom, over the footer of the screen
        # below, whose keys do not apply while it is open.
        self.mount(KeyFooter())
