"""Dialogs that say something or ask one thing: a problem to attend to, a deletion to
confirm."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from dialogtui.display import plain
from dialogtui.i18n import N_, _
from dialogtui.tui.dialogs.base import Dialog
from dialogtui.tui.keyboard import TakesNoText


class ErrorDialog(Dialog[None]):
    """A problem that needs the user's attention (the disk is full, the meeting is locked)."""

    DEFAULT_CSS = ".dialog.error { border: thick $error; }"
    BINDINGS = [Binding("escape,enter", "dismiss", N_("Close"), priority=True)]

    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Label(_("Problem"), classes="title")
            yield Static(plain(self.message))
            # Says what it does, as its key in the footer does ("OK" is not every
            # language's word for it).
            yield Button(_("Close"), variant="error", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss()


class Question(TakesNoText, Dialog[bool]):
    """A yes-or-no question; each subclass binds its own keys (Textual adds a base class's
    bindings to a subclass's, so this base has none) and says them in `HINT`."""

    HINT = ""

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            yield Label(_(self.HINT), classes="hint")

    safe_answer = False

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmDialog(Question):
    """Whether to delete something. Its safe answer is every key a typist hits: `enter`,
    `escape`, and any letter (which then goes on to the text box, tui/keyboard.py); only
    `delete` again deletes, a key no sentence holds (a "y" would be the y of "mycket")."""

    BINDINGS = [
        Binding("delete", "answer(True)", N_("Delete"), priority=True),
        Binding("enter,escape", "answer(False)", N_("Keep"), priority=True),
    ]

    HINT = N_("delete: delete · enter or escape: keep it")  # what the keys above do
