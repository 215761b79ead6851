"""A few lines redrawn every second (the step's clock, the speaker strip)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TickingLines(Static):
    """Redrawn only when its text changed, and without a layout pass: its height is fixed
    in app.tcss, and a layout pass every second recomposes the whole screen (three times
    the CPU of the redraw itself)."""

    _shown: Text | None = None

    def _show(self, text: Text) -> None:
        if text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)
