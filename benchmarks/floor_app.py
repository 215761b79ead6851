"""The floors: a bare Textual app with one Input (start-up); one TextArea and a list, whose
enter commits the text to SQLite and shows it (typing, submitting); the same with a clock
redrawn every second (idle CPU of an app whose clock runs); a screen of the capture
screen's widgets that changes step the way it does (step change); and a search box over a
list of a store's meetings, filtered at every key (the start screen's filter)."""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option


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


TURN = "så här är det, ord för ord " * 6
LISTED = 200  # the start screen's StartScreen.LISTED: a filtered list shows this many at most


class FloorSteps(App):
    """Two steps, as the capture screen's round and action plan: ctrl+n and ctrl+b change
    the header, the question (of another length), the strip and the turns (12 of them), and
    show or hide a table that then takes the focus from the text box, or gives it back. The
    least any Textual screen of these widgets pays for such a change."""

    CSS = """
    #header, #strip { height: 2; }
    #question { height: auto; max-height: 6; }
    DataTable { height: 1fr; min-height: 4; border: round $primary 50%; display: none; }
    DataTable:focus { border: round $primary; }
    OptionList { height: 1fr; border: none; }
    OptionList.beside-a-table { height: 4; }
    TextArea { height: 5; border: round $accent; }
    TextArea:focus { border: round $primary; }
    """
    BINDINGS = [
        Binding("ctrl+n", "step(1)", priority=True),
        Binding("ctrl+b", "step(0)", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        yield Static(id="question")
        yield Static(id="strip")
        yield DataTable(cursor_type="row")
        yield OptionList()
        yield TextArea()

    def on_mount(self) -> None:
        self.query_one(TextArea).cursor_blink = False
        self.query_one(DataTable).add_columns("Insats", "Vem", "När", "Status")
        self.action_step(0)

    def action_step(self, step: int) -> None:
        table, turns = self.query_one(DataTable), self.query_one(OptionList)
        self.query_one("#header", Static).update(f"Step {step + 1}/2 floor\nTime 00:0{step}")
        question = "Vad behövs för att vi i samverkan ska kunna hjälpa dem? " * (2 - step)
        self.query_one("#question", Static).update(question)
        self.query_one("#strip", Static).update(f"▶1:Ada  2:Bo\nstep {step}")
        table.display = step == 1
        turns.set_class(step == 1, "beside-a-table")
        turns.set_options([] if step else [f"09:00 Ada: Tur {n}: {TURN}" for n in range(12)])
        turns.highlighted = turns.option_count - 1 if turns.option_count else None
        self.set_focus(table if step else self.query_one(TextArea))


class FloorFilter(App):
    """An Input over a list of the meetings of the store named on the command line, two
    lines each (date and title; place and people), filtered at every key: the lines whose
    words (case folded once) one begins with what is typed, the start screen's rule without
    its accents. The least a list filtered as one types costs in Textual. At most LISTED
    listed, and "Nothing matches “…”." where nothing does, as the start screen does."""

    CSS = "OptionList { height: 1fr; }"

    def __init__(self, path: str):
        super().__init__()
        conn = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
        rows = conn.execute(
            "SELECT m.date, m.title, m.place, group_concat(p.name, ', ') FROM meetings m"
            " LEFT JOIN participants p ON p.meeting_id = m.id"
            " GROUP BY m.id ORDER BY m.date DESC, m.id DESC"
        ).fetchall()
        conn.close()
        self.lines: list[tuple[str, Text]] = []
        for date, title, place, people in rows:
            prompt = Text(f"  {date}  {title}\n    {place} · {people or ''}", no_wrap=True)
            prompt.overflow = "ellipsis"
            words = re.findall(r"[^\W_]+", f"{date} {title} {place} {people}".casefold())
            self.lines.append((" " + " ".join(words), prompt))

    def compose(self) -> ComposeResult:
        yield Input(placeholder="floor ready")
        yield OptionList()

    def on_mount(self) -> None:
        self.fill("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def fill(self, typed: str) -> None:
        q = " " + typed.casefold()
        found = [prompt for text, prompt in self.lines if q in text]
        options = [Option(prompt) for prompt in found[:LISTED]]
        if len(found) > LISTED:
            options.append(Option(f"… and {len(found) - LISTED} more", disabled=True))
        if not options:
            options = [Option(f"Nothing matches “{typed}”.", disabled=True)]
        self.query_one(OptionList).set_options(options)
        self.query_one(OptionList).highlighted = 0


if __name__ == "__main__":
    floors = {"textarea": FloorTextArea, "clock": FloorClock, "steps": FloorSteps}
    if sys.argv[1:2] == ["filter"]:
        FloorFilter(sys.argv[2]).run()
    else:
        floors.get(sys.argv[1] if len(sys.argv) > 1 else "", FloorInput)().run()
