"""Running the app under Textual's Pilot with a fake clock and a private database."""

from __future__ import annotations

import asyncio
import datetime as dt

from meeting_helpers import new_meeting

from dialogtui.meeting.clock import FakeClock
from dialogtui.store import Store
from dialogtui.tui.app import build_app

START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


def run(scenario, *, db=None, clock=None, size=(80, 24), **app_args):
    """Run `scenario(app, pilot)` inside the app; return the app afterwards."""
    clock = clock or FakeClock(START)
    app = build_app(db_path=db, clock=clock, **app_args)

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def seeded_meeting(db, set_id, people, clock=None, **info) -> int:
    """A meeting created through the engine, closed again, ready to be resumed in the app."""
    store = Store.open(db)
    m = new_meeting(store, set_id, people, clock=clock or FakeClock(START), **info)
    meeting_id = m.id
    m.close()
    store.close()
    return meeting_id


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


def text_of(widget, width: int = 80) -> str:
    """What a Static-like widget shows, as plain text."""
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def screen_text(app) -> str:
    """The whole screen as plain text, one line per row, read from Textual's own render of
    it (what a user sees, without colours)."""
    import html
    import re

    svg = app.export_screenshot()
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in re.findall(
        r'<text[^>]*x="([\d.]+)"[^>]*clip-path="url\(#terminal-line-(\d+)\)">([^<]*)</text>', svg
    ):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text)))
    return "\n".join(
        "".join(t for _, t in sorted(rows[n])).replace("\xa0", " ") for n in sorted(rows)
    )
