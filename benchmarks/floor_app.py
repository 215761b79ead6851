"""The floors: a bare Textual app with one Input (start-up) or one TextArea (typing)."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, TextArea


class FloorInput(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="floor ready")


class FloorArea(TextArea):
    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.app.query_one(OptionList).add_option(self.text)
            self.clear()
            return
        await super()._on_key(event)


class FloorTextArea(App):
    """One TextArea, plus a list that a submit appends to: what a bare chat would do."""

    CSS = "OptionList { height: 1fr; } TextArea { height: 5; }"

    def compose(self) -> ComposeResult:
        yield OptionList()
        yield FloorArea(id="draft")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = False
        area.focus()


if __name__ == "__main__":
    (FloorTextArea if sys.argv[1:] == ["textarea"] else FloorInput)().run()
