"""The floors: a bare Textual app with one Input (start-up); one TextArea and a list, whose
enter commits the text to SQLite and shows it (typing, submitting); the same with a clock
redrawn every second (idle CPU of an app whose clock runs)."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static, TextArea


class FloorInput(App):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="floor ready")


def _database() -> sqlite3.Connection:
    """Where the floor's turns are committed, as durably as dialogtui commits them (WAL,
    synchronous=FULL): so that submit is compared with a floor that is durable too."""
    conn = sqlite3.connect(Path(tempfile.mkdtemp()) / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE turns (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    return conn


class FloorArea(TextArea):
    async def _on_key(self, event) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            conn = self.app.db  # type: ignore[attr-defined]
            with conn:
                conn.execute("BEGIN")
                conn.execute("INSERT INTO turns (text) VALUES (?)", (self.text,))
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
        self.db = _database()
        area = self.query_one(TextArea)
        area.cursor_blink = False
        area.focus()


class FloorClock(FloorTextArea):
    """The TextArea floor with a one-line clock redrawn every second, as a meeting's is."""

    CSS = FloorTextArea.CSS + " Static { height: 1; }"

    def compose(self) -> ComposeResult:
        yield Static(id="clock")
        yield from super().compose()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.query_one(Static).update(f"Time {time.strftime('%H:%M:%S')}", layout=False)


if __name__ == "__main__":
    floors = {"textarea": FloorTextArea, "clock": FloorClock}
    floors.get(sys.argv[1] if len(sys.argv) > 1 else "", FloorInput)().run()
