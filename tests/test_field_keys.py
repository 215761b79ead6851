"""Keys in the app's fields and the text box: editing keys take effect in the order typed
however fast (sent in one burst, `home`, a letter and `backspace` used to type the letter at
the end and delete nothing), and an alt or meta key never types a character (alt+3 typed
"£")."""

from __future__ import annotations

import pytest
from conftest import posix_only
from tui_helpers import PEOPLE_THREE, burst, run, seeded_meeting, type_text, until

from dialogtui.tui.screens.setup import SetupScreen

# Keys as a scribe corrects a line: to its start and end, by words, deleting either way.
EDITS = [
    ["home", "Y", "backspace", "X"],  # to the start, a slip, undone: nothing is left of the Y
    ["home", "X", "end", "Z", "left", "left", "backspace", "q"],
    ["ctrl+left", "ctrl+left", "-", "ctrl+right", "delete", "!", "home", "delete", "right", "å"],
]


def as_burst(keys: list[str]) -> list[str]:
    return [k if len(k) == 1 else f"<{k}>" for k in keys]


async def reach(pilot, condition, state) -> None:
    """Until `condition()` holds, and still holds once the app has nothing left to do."""
    try:
        await until(pilot, condition)
        await pilot.pause()
        assert condition()
    except AssertionError:
        raise AssertionError(f"the app never got there: {state()!r}") from None


@pytest.mark.parametrize("keys", EDITS, ids=["review", "ends", "words"])
def test_editing_keys_in_a_field_in_one_burst_act_as_typed_one_by_one(tmp_path, keys):
    start = "Familjecentralen, Ekenäs"

    async def scenario(app, pilot):
        assert isinstance(app.screen, SetupScreen)
        place = app.screen.query_one("#place")
        await type_text(pilot, start)
        await pilot.press(*keys)  # one by one, each handled before the next
        slow = place.value
        place.value = start
        place.cursor_position = len(start)
        burst(app, *as_burst(keys))
        await reach(pilot, lambda: place.value == slow, lambda: (place.value, slow))

    run(scenario, db=tmp_path / "db", set_ref="raseborg-temamote")


def test_the_reviews_home_y_backspace_in_one_burst(tmp_path):
    async def scenario(app, pilot):
        place = app.screen.query_one("#place")
        burst(app, "Familjecentralen, Ekenäs", "<home>", "Y", "<backspace>", "<end>", "!")
        done = "Familjecentralen, Ekenäs!"
        await reach(pilot, lambda: place.value == done, lambda: place.value)
        assert place.cursor_position == len(done)

    run(scenario, db=tmp_path / "db", set_ref="raseborg-temamote")


@pytest.mark.parametrize("keys", [*EDITS, ["ctrl+j", "N", "up", "end", ".", "down", "home", "_"]])
def test_editing_keys_in_the_text_box_in_one_burst_act_as_typed_one_by_one(tmp_path, keys):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)
    start = "halvskrivet utkast om skolan"

    async def scenario(app, pilot):
        draft = app.screen.query_one("#draft")
        await type_text(pilot, start)
        await pilot.press(*keys)
        slow = draft.text
        draft.text = start
        draft.move_cursor(draft.document.end)
        burst(app, *as_burst(keys))
        await reach(pilot, lambda: draft.text == slow, lambda: (draft.text, slow))

    run(scenario, db=db, meeting_id=mid)


# -- alt and meta never type -----------------------------------------------------------------

# What a terminal sends for alt (or Option, or meta) and a key where it sends Alt as an ESC
# before the key: tmux, xterm, GNOME Terminal, WezTerm on macOS.
ALT_BYTES = ["\x1b3", "\x1b1", "\x1b9", "\x1b0", "\x1b-", "\x1b=", "\x1b "]


def driver_keys(data: str) -> list:
    """The key events the app's terminal driver makes of `data`, as it reads it."""
    from textual import events
    from textual.drivers import linux_driver

    import dialogtui.tui.app  # noqa: F401  (the app adjusts Textual's parser as it is imported)

    parser = linux_driver.XTermParser()
    found = [*parser.feed(data), *parser.feed("")]  # "": the end, as a pause would be
    return [(e.key, e.character) for e in found if isinstance(e, events.Key)]


@posix_only  # the driver of Linux and macOS
@pytest.mark.parametrize("data", ALT_BYTES)
def test_an_alt_key_is_read_as_a_key_that_types_nothing(data):
    # Textual read ESC 3 as "£" (a table for WezTerm's Option key on a US Mac), ESC a as
    # alt+a with the character "a": both were typed into the text box.
    [(key, character)] = driver_keys(data)
    assert key.startswith("alt+") and character is None, (key, character)


@posix_only
@pytest.mark.parametrize("letter", ["a", "Å", "x"])
def test_escape_and_a_letter_close_together_are_both_kept(letter):
    # escape (to a step's list) and "a" (a new action) typed within the terminal's escape
    # time, as tmux sends them: the escape and the letter, not alt+a (which typed nothing,
    # and the escape was lost too).
    assert driver_keys(f"\x1b{letter}") == [("escape", "\x1b"), (letter, letter)]


@posix_only
def test_alt_digits_sent_as_a_terminal_sends_them_type_nothing(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    def send(app, data: str) -> None:
        for key, character in driver_keys(data):
            burst_key(app, key, character)

    async def setup(app, pilot):
        place = app.screen.query_one("#place")
        await type_text(pilot, "Skolan")
        send(app, "\x1b3\x1b-")
        burst(app, "!")
        await reach(pilot, lambda: place.value.endswith("!"), lambda: place.value)
        assert place.value == "Skolan!"

    async def capture(app, pilot):
        screen = app.screen
        draft = screen.query_one("#draft")
        await type_text(pilot, "halvskrivet utkast")
        send(app, "\x1b3")  # alt+3: Lena, the third, speaks next
        burst(app, "!")
        await reach(pilot, lambda: draft.text.endswith("!"), lambda: draft.text)
        assert draft.text == "halvskrivet utkast!"
        await until(pilot, lambda: screen.engine.speaker.name == "Lena")

    run(setup, db=db, set_ref="raseborg-temamote")
    run(capture, db=db, meeting_id=mid)


def burst_key(app, key: str, character: str | None) -> None:
    from textual import events

    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)
