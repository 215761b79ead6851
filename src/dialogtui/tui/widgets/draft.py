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
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in ("shift+enter", "alt+enter"):  # where a terminal tells them apart
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
        self.post_message(self.Submitted(self.text))
