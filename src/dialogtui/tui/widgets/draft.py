"""The text box where the scribe types the current turn. Enter saves the turn;
ctrl+j (or shift+enter where the terminal tells them apart) starts a new line."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

WRAP_LIMIT = 200_000  # characters; soft-wrapping megabytes would freeze the screen


class DraftArea(TextArea):
    HELP_TITLE = "Text box"

    # Shown in help and the footer; the keys themselves are handled in `_on_key` below.
    BINDINGS = [
        Binding("enter", "submit", "Save turn"),
        Binding("ctrl+j", "newline", "New line in the turn", show=False),
    ]

    class Submitted(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    def __init__(self, **kwargs):
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        # Enter and new line are handled here, in this widget's own queue of keys, and not
        # as bindings (which the app runs later): the text typed right after them must go
        # into the next turn, not into this one. TextArea's documented way to change keys.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in ("ctrl+j", "shift+enter", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.action_newline()
        # Anything else: Textual goes on to TextArea._on_key itself (handlers run per class).

    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own paste handler, which then inserts the text.
        if len(self.text) + len(event.text) > WRAP_LIMIT:
            self.soft_wrap = False

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        if not self.soft_wrap and len(self.text) <= WRAP_LIMIT:
            self.soft_wrap = True

    def action_newline(self) -> None:
        self.insert("\n")

    def action_submit(self) -> None:
        """Hand the turn to the screen and empty the box at once, in the order of the keys:
        what is typed next starts the next turn. If saving fails, the screen puts it back."""
        text = self.text
        if text.strip():
            self.clear()
        # Straight to the screen (not bubbling through this widget's queue), so that once
        # this widget has handled its keys, the turn is already in the screen's queue.
        self.screen.post_message(self.Submitted(text))

    def restore(self, text: str) -> None:
        """Put back a turn that could not be saved, before anything typed since."""
        rest = self.text
        self.text = text + ("\n" + rest if rest.strip() else "")
        self.move_cursor(self.document.end)
