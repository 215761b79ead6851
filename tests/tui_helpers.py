"""Running the app under Textual's Pilot with a fake clock and a private database."""

from __future__ import annotations

import asyncio
import datetime as dt
import unicodedata
from typing import TypeVar

from meeting_helpers import new_meeting

from dialogtui.meeting.clock import FakeClock
from dialogtui.store import Store
from dialogtui.tui.app import build_app
from dialogtui.tui.ordering import drain, settle

START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
S = TypeVar("S")


def run(scenario, *, db=None, clock=None, size=(80, 24), **app_args):
    """Run `scenario(app, pilot)` inside the app; return the app afterwards."""
    clock = clock or FakeClock(START)
    app = build_app(db_path=db, clock=clock, **app_args)

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await first_screen(pilot)
            try:
                await scenario(app, pilot)
            finally:
                # A key still queued when the app shuts down reaches an app without screens:
                # its ScreenStackError would be the test's failure, hiding the scenario's own.
                await handled(app)

    asyncio.run(main())
    return app


async def first_screen(pilot) -> None:
    """Until the app shows the screen it opens on: a meeting or a set asked for opens just
    after the app has started, on top of the start screen, hidden until then."""
    from dialogtui.tui.screens.start import StartScreen

    app = pilot.app
    await until(pilot, lambda: not (isinstance(app.screen, StartScreen) and app.screen.hidden))


def seeded_meeting(db, set_id, people, clock=None, step=None, **info) -> int:
    """A meeting created through the engine, closed again, ready to be resumed in the app;
    at the step whose id is `step`, if given."""
    store = Store.open(db)
    m = new_meeting(store, set_id, people, clock=clock or FakeClock(START), **info)
    if step is not None:
        m.goto_step(m.qs.index_of(step))
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
    cell = 12.2  # the width of one terminal cell in Textual's SVG
    rows: dict[int, dict[int, str]] = {}
    pattern = (
        r'<text[^>]*x="([\d.]+)"[^>]*'
        r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
    )
    for x, line, text in re.findall(pattern, svg):
        row = rows.setdefault(int(line), {})
        for n, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[round(float(x) / cell) + n] = char
    return "\n".join(
        "".join(rows[n].get(c, " ") for c in range(max(rows[n]) + 1)).rstrip()
        for n in sorted(rows)
        if rows[n]
    )


def burst(app, *parts: str) -> None:
    """Send keys as a fast typist or a paste does: all at once, with no pause between them
    for the app to catch up (Pilot's `press` waits after each key). Text is given as is,
    other keys in angle brackets: burst(app, "<f3>", "Boka tid", "<enter>", "<ctrl+s>").
    Each key goes into the app's queue as a terminal's key does (Textual's public
    `post_message`), all of them before the app handles the first."""
    from textual import events

    chars = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " "}
    for part in parts:
        if part.startswith("<") and part.endswith(">") and len(part) > 2:
            keys = [(part[1:-1], chars.get(part[1:-1]))]
        else:
            keys = [(key_name(c), c) for c in part]
        for name, char in keys:
            event = events.Key(name, char)
            event.set_sender(app)
            app.post_message(event)


# Textual's names for the characters whose Unicode name it shortens.
_SHORT_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_name(char: str) -> str:
    """The key Textual names for a typed character: itself if a letter or a digit, else
    its Unicode name ("question_mark", "full_stop"), as Pilot's `press` names it
    (tests/test_typing_bursts.py checks that the two agree)."""
    if char.isalnum():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return _SHORT_NAMES.get(name, name)


async def handled(app) -> None:
    """Wait until every key sent so far has been handled: by the app (a priority binding's
    action), by the widget it went to and by that widget's screen (a saved turn)."""
    if app.return_code is not None:  # the app is quitting and takes no more keys
        return
    # Pilot hands each key to the app through the driver, a loop turn or two later;
    # something sent the same way arrives once they are all in the app's queue (`burst`'s
    # keys are in it already).
    loop = asyncio.get_running_loop()
    await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(_nothing(), loop))
    await drain(app)
    await settle(app.screen)
    await drain(app)  # a key the widget did not use comes back to the app (its bindings)


async def _nothing() -> None:
    pass


async def end_and_export(app, pilot) -> None:
    """ctrl+o and e, as a scribe ends a meeting: until its minutes are written."""
    from dialogtui.tui.screens.end import EndScreen

    await pilot.press("ctrl+o")
    await until(pilot, lambda: isinstance(app.screen, EndScreen))
    await pilot.press("e")
    await until(pilot, lambda: workers_done(app))
    await until(pilot, lambda: bool(app.screen.exported))


def workers_done(app) -> bool:
    """Every worker of the app has ended, a cancelled one included. Not Textual's
    `wait_for_complete`: it raises for a worker that a newer one replaced (the start
    screen's preview, one per highlighted set), as a fast typist's keys do."""
    return all(w.is_finished for w in app.workers)


async def opened(pilot, key: str, kind: type[S]) -> S:
    """Press `key` and wait until a screen of type `kind` is in front; return it. A screen's
    own keys (not priority bindings) run only once the key has been round its focused
    widget, which Pilot's `press` may not wait for on a busy machine."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    return pilot.app.screen


def minutes_of(home, meeting_id: int) -> str:
    """The minutes the end screen's e wrote for a meeting, in the data folder `home`."""
    from exported import folder_of, named

    from dialogtui.i18n import LANGUAGES

    # Named in the documents' language, whichever the meeting's is.
    found = [f for lang in LANGUAGES if (f := folder_of(home, meeting_id, language=lang)).is_dir()]
    return named(found[0], "minutes.md").read_text("utf-8")


async def until(pilot, condition, rounds: int = 200) -> None:
    """Let the app work until `condition()` holds: waits on what the app shows or holds,
    never on the clock."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


PEOPLE_THREE = [("Ada", "skola"), ("Per", "socialtjanst"), ("Lena", "skola")]
