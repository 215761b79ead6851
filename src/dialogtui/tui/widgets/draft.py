"""The text box where the scribe types the current turn. Enter saves the turn;
ctrl+j (or shift+enter where the terminal tells them apart) starts a new line."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from dialogtui.i18n import N_, _
from dialogtui.tui.widgets.fields import InOrder

WRAP_LIMIT = 200_000  # characters; soft-wrapping megabytes would freeze the screen


class DraftArea(InOrder, TextArea):  # its editing keys in typed order too (fields.py)
    HELP_TITLE = N_("Text box")

    # Shown in help, and on the box's own border (where they stay visible at any width,
    # leaving the footer to the screen's keys); the keys themselves are handled in
    # `on_key` below.
    BINDINGS = [
        Binding("enter", "submit", N_("Save turn"), show=False),
        Binding("ctrl+j", "newline", N_("New line in the turn"), show=False),
    ]
    BORDER_HINT = N_("enter saves · ctrl+j new line")

    class Submitted(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    def __init__(self, **kwargs):
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)
        self._pending: list[str] = []
        self.border_subtitle = _(self.BORDER_HINT)
        # A steady cursor: a blinking one redraws the box twice a second for three hours
        # of a meeting, on a laptop that is often on battery.
        self.cursor_blink = False

    async def on_key(self, event: events.Key) -> None:
        # Enter and new line are handled here, in this widget's own queue of keys, and not
        # as bindings (which the app runs later): the text typed right after them must go
        # into the next turn, not into this one. Textual calls the handler of each class
        # in turn, this one first, and `prevent_default` stops those of the classes below
        # (its guide to events; tests/test_textual_internals.py holds it to that).
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in ("ctrl+j", "shift+enter", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.action_newline()
        # Anything else: Textual goes on to InOrder's and TextArea's own handlers.

    async def on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own paste handler, which then inserts the text.
        if len(self.text) + len(event.text) > WRAP_LIMIT:
            self.soft_wrap = False

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        if not self.soft_wrap and len(self.text) <= WRAP_LIMIT:
            self.soft_wrap = True

    def action_newline(self) -> None:
        self.insert("\n")

    def action_submit(self) -> None:
        """Hand the turn, as it stands at this key, to the screen.

        The box keeps the text until the turn is saved (`done` then takes it out):
        emptying it here would cost a frame before the turn shows, and if saving fails the
        text is simply still there. A turn handed over and not yet saved is `_pending`:
        what is typed after its enter (a fast typist's next turn) is the next turn only.
        Straight to the screen, not bubbling through this widget's queue: once this widget
        has handled its keys, the turn is already in the screen's queue."""
        before = "".join(self._pending)
        text = self.text
        turn = text[len(before) :] if text.startswith(before) else text
        self._pending.append(turn)
        self.screen.post_message(self.Submitted(turn))

    def done(self, text: str, saved: bool) -> None:
        """The screen has dealt with the turn `text`: if it was saved, it leaves the box,
        and whatever was typed after it stays. Should the box no longer begin with it (keys
        typed in its middle within those milliseconds), everything stays: text shown twice
        is better than a word lost."""
        if text in self._pending:
            self._pending.remove(text)
        if not saved:
            return
        rest = self.text
        if rest == text:
            self.clear()
        elif rest.startswith(text):
            self.text = rest[len(text) :].lstrip("\n")
            self.move_cursor(self.document.end)

    def restore(self, text: str) -> None:
        """Put back text (a dialog's that could not be reopened), before what is there."""
        rest = self.text
        self.text = text + ("\n" + rest if rest.strip() else "")
        self.move_cursor(self.document.end)
