"""Screens that know their app is dialogtui's: `self.app.store`, `.clock` and `.report` are
typed for the type checker. Nothing changes at run time."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from dialogtui.tui.app import DialogApp

Result = TypeVar("Result")


class DialogScreen(Screen[Result]):
    if TYPE_CHECKING:
        app: DialogApp


class DialogModal(ModalScreen[Result]):
    if TYPE_CHECKING:
        app: DialogApp
