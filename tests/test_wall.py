"""The room's view (`dialogtui wall`) following a meeting the test moves, as the scribe's app
would: a writer (`Store.open`, `MeetingEngine.open`) and the wall over a reader of the same
file, in one process. The wall is asked to look (`poll`) where the test needs it to have
looked; one test leaves it to its own timer. No test sleeps: each waits on what the screen
shows."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SETS
from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from rich.text import Text
from tui_helpers import START, screen_text

from dialogtui.errors import MeetingError
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.records import ActionItem, RoomShows
from dialogtui.store import Store
from dialogtui.tui.wall.app import POLL_SECONDS, build_wall
from dialogtui.tui.wall.screen import (
    ELLIPSIS,
    WallHelp,
    WallScreen,
    fit,
    packed,
    reading_lines,
    wrapped,
)
from dialogtui.wall.view import Reading

PEOPLE = [("Anna Lind", None), ("Erik Berg", None), ("Sara Holm", None)]
SET = "samtidigt-traff-4"


class Scribe:
    """The scribe's side: a writer and the meeting's engine, holding its lock."""

    def __init__(self, db: Path, clock: FakeClock, people=PEOPLE, text: str | None = None):
        self.db, self.clock = db, clock
        self.store = Store.open(db)
        self.engine = new_meeting(self.store, SET, people, clock=clock, text=text)
        self.id = self.engine.id

    def close(self) -> None:
        self.engine.close()

    def reopen(self) -> MeetingEngine:
        self.engine = MeetingEngine.open(self.store, self.id, self.clock)
        return self.engine

    def end(self) -> None:
        self.engine.close()
        self.store.close()


@contextlib.asynccontextmanager
async def wall(db: Path, meeting: int | None, clock, view: str = "room", size=(80, 24)):
    """The wall running under Pilot: (app, pilot, screen)."""
    app = build_wall(db, meeting, view, clock)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WallScreen))
        yield app, pilot, app.screen


async def until(pilot, condition, seconds: float = 30) -> None:
    """Let the app work until `condition()` holds: waits on the screen, bounded by the
    clock only so that a failure ends."""
    give_up = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > give_up:
            raise AssertionError(f"the wall never got there:\n{screen_text(pilot.app)}")
        await pilot.pause()


async def shows(pilot, text: str, present: bool = True) -> str:
    """The wall looks at the store now (as its timer would) until `text` is (or is not) on
    the screen; the screen's text."""
    screen = pilot.app.screen

    def there() -> bool:
        screen.poll()
        return (text in screen_text(pilot.app)) == present

    await until(pilot, there)
    return screen_text(pilot.app)


def run(scenario) -> None:
    asyncio.run(scenario())


@pytest.fixture
def scribe(tmp_path):
    s = Scribe(tmp_path / "db", FakeClock(START))
    yield s
    s.end()


# -- following the meeting -------------------------------------------------------------------


def test_the_wall_follows_a_step_change(scribe):
    engine = scribe.engine
    engine.start()
    first, second = engine.qs.steps[0], engine.qs.steps[1]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            said = await shows(pilot, first.title)
            assert "Step 1/7" in said and engine.text(first.questions[0].text)[:30] in said
            assert "Room's view · questions only" in said
            engine.next_step()
            said = await shows(pilot, second.title)
            assert "Step 2/7" in said and first.title not in said

    run(scenario)


def test_a_turn_shows_only_where_the_scribe_shows_notes(scribe):
    engine = scribe.engine
    engine.start()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            engine.submit("Vi ringer skolan")
            engine.drafts.save("Jag tänker att")
            await shows(pilot, "▶ Erik Berg")  # the turn moved the round on
            said = screen_text(app)
            assert "Vi ringer skolan" not in said and "Jag tänker att" not in said
            engine.room.show(RoomShows.notes)  # the scribe's ctrl+w
            said = await shows(pilot, "Vi ringer skolan")
            assert "questions and notes" in said
            assert "Anna Lind: Vi ringer skolan" in said
            assert "Erik Berg: Jag tänker att  (being typed)" in said
            # The newest at the bottom: the turn being typed after the turns written.
            assert said.index("Vi ringer skolan") < said.index("Jag tänker att")
            engine.room.show(RoomShows.blank)
            said = await shows(pilot, "Vi ringer skolan", present=False)
            assert "Pause" in said and engine.info.title in said
            assert engine.text(engine.question.text)[:20] not in said

    run(scenario)


def test_the_written_part_says_the_question_and_ends_with_the_steps_items(scribe):
    # Where the step asks several questions, each run of answers stands under its
    # question (bold, dimmed); at a plan's step its actions come after the turns.
    engine = scribe.engine
    engine.start()
    engine.goto_step(engine.qs.index_of("samverkanskarta"))
    first, second = (engine.text(q.text) for q in engine.step.questions[:2])
    engine.room.show(RoomShows.notes)
    engine.submit("Vi har en rutin")
    engine.goto_question(1)
    engine.submit("Vi ringer hem")

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock, size=(160, 45)) as (app, p, screen):
            said = await shows(p, "Vi ringer hem")
            order = [f"1. {first}", "Vi har en rutin", f"2. {second}", "Vi ringer hem"]
            at = [said.index(part) for part in order]
            assert at == sorted(at)
            shown = screen.query_one("#written").render()
            heading = next(s for s in shown.spans if shown.plain[s.start : s.end] == order[0])
            assert "bold" in str(heading.style) and "dim" in str(heading.style)
            engine.goto_step(engine.qs.index_of("handlingsplan"))
            engine.submit("Vi gör en plan")
            engine.actions.add(ActionItem("Boka ett möte med skolan", who="Per Ek"))
            said = await shows(p, "Boka ett möte med skolan")
            assert said.index("Vi gör en plan") < said.index("Boka ett möte med skolan")
            assert "Vi har en rutin" not in said  # another step's

    run(scenario)


def test_a_blank_pause_shows_only_pause_and_the_title(scribe):
    engine = scribe.engine
    engine.start()
    question = engine.text(engine.question.text)[:30]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await shows(pilot, question)
            engine.room.show(RoomShows.blank)
            said = await shows(pilot, question, present=False)
            lines = [line.strip() for line in said.splitlines() if line.strip()]
            assert lines[1:3] == ["Pause", engine.info.title]
            assert "Startrunda" not in said and "Anna Lind" not in said
            engine.room.show(RoomShows.questions)
            await shows(pilot, question)
            engine.room.show(RoomShows.blank)
            await shows(pilot, question, present=False)

        # The asker sees everything, paused room or not.
        async with wall(scribe.db, scribe.id, scribe.clock, "asker") as (app, pilot, screen):
            said = await shows(pilot, question)
            assert "Asker's view · a blank pause" in said

    run(scenario)


def test_the_read_back_page_is_shown_instead_of_the_question(scribe):
    engine = scribe.engine
    engine.start()
    engine.submit("Vi ringer skolan")
    question = engine.text(engine.question.text)[:30]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await shows(pilot, question)
            engine.room.reading(0)
            said = await shows(pilot, "Read back: Step 1/7 · Startrunda")
            assert "Vi ringer skolan" in said  # the page's entries, though notes are off
            assert not screen.query_one("#question").display  # the page, not the question
            engine.room.reading(None)  # the scribe closed the read-back
            said = await shows(pilot, question)
            assert "Read back:" not in said

    run(scenario)


def test_a_long_read_back_page_keeps_the_scribes_item_on_the_wall(scribe):
    # A page longer than the screen: the wall shows the entry the scribe has chosen,
    # marked, and says how many entries lie above and below it.
    engine = scribe.engine
    engine.start()
    for n in range(30):
        engine.submit(f"Svar nummer {n:02}")

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            engine.room.reading(0, 0)
            said = await shows(pilot, "Read back: Step 1/7")
            assert "↓" in said and "more" in said and "↑" not in said
            engine.room.reading(0, 20)
            said = await shows(pilot, "↑")
            chosen = next(line for line in said.splitlines() if "▶" in line)
            assert "Svar nummer 20" in chosen
            assert "↓" in said and "Svar nummer 00" not in said
            assert screen.query_one("#reading").region.bottom <= 23  # above the footer

    run(scenario)


def test_the_read_back_after_the_end_reaches_the_room(scribe):
    # The end screen's read-back is the meeting's last part: it wins over the still screen
    # saying the meeting has ended, though not over the scribe's blank pause.
    engine = scribe.engine
    engine.start()
    engine.submit("Vi ringer skolan")
    engine.finish()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await shows(pilot, "The meeting has ended")
            engine.room.reading(0)
            said = await shows(pilot, "Read back: Step 1/7")
            assert "Vi ringer skolan" in said
            engine.room.show(RoomShows.blank)
            said = await shows(pilot, "Pause")
            assert "Vi ringer skolan" not in said
            engine.room.show(RoomShows.questions)
            await shows(pilot, "Vi ringer skolan")
            engine.room.reading(None)
            said = await shows(pilot, "Vi ringer skolan", present=False)
            assert "The meeting has ended" in said

    run(scenario)


def test_the_states_of_the_meeting(scribe):
    engine = scribe.engine
    question = engine.text(engine.question.text)[:30]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            said = await shows(pilot, "The meeting has not started yet")
            assert question in said
            engine.start()
            await shows(pilot, "The meeting has not started yet", present=False)
            await shows(pilot, "left")  # the step's countdown
            engine.pause()
            await shows(pilot, "Paused")
            engine.resume()
            await shows(pilot, "Paused", present=False)
            engine.finish()
            said = await shows(pilot, "The meeting has ended")
            assert question not in said and engine.info.title in said

    run(scenario)


def test_the_clock_counts_down_then_over(scribe):
    engine = scribe.engine
    engine.start()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await shows(pilot, "left")
            box = screen.query_one("#clock-box")
            assert not box.has_class("-over")
            scribe.clock.advance(minutes=25)  # Startrunda plans 20
            screen.tick()
            await until(pilot, lambda: "over" in screen_text(app))
            assert box.has_class("-over")
            assert screen.query_one("#clock").value == "+05:00"

    run(scenario)


def test_the_wall_follows_on_its_own_within_half_a_second(scribe):
    engine = scribe.engine
    engine.start()
    # Its timer looks often enough: a change shows by the second look at the latest.
    assert POLL_SECONDS <= 0.25

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await until(pilot, lambda: "Startrunda" in screen_text(app))
            engine.next_step()  # the wall is not asked: its timer looks
            await until(pilot, lambda: engine.step.title in screen_text(app))

    run(scenario)


# The scribe's app in a process of its own: it opens the meeting (taking its lock, which
# names this process), says so, and stays until it is killed.
SCRIBES_APP = """
import sys
from dialogtui.meeting.clock import SystemClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.store import Store
store = Store.open(sys.argv[1])
MeetingEngine.open(store, int(sys.argv[2]), SystemClock())
print("open", flush=True)
sys.stdin.read()
"""


def scribes_app(db: Path, meeting: int) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIBES_APP, str(db), str(meeting)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "open\n"
    return child


def test_the_wall_waits_while_the_scribes_app_is_gone_and_picks_up_again(scribe):
    engine = scribe.engine
    engine.start()
    scribe.close()
    child = scribes_app(scribe.db, scribe.id)
    question = engine.text(engine.question.text)[:30]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            said = await shows(pilot, question)
            assert "waiting" not in said
            child.kill()  # the scribe's app killed: its lock's holder is gone
            child.wait()
            said = await shows(pilot, "The scribe's dialogtui is closed: waiting for it.")
            assert question in said  # the last it read, kept (dimmed)
            assert screen.has_class("-waiting")
            engine = scribe.reopen()  # started again
            engine.next_step()
            said = await shows(pilot, engine.step.title)
            assert "waiting" not in said and not screen.has_class("-waiting")

    try:
        run(scenario)
    finally:
        child.kill()
        child.wait()


def test_without_a_meeting_it_waits_for_the_one_opened_in_dialogtui(tmp_path):
    clock = FakeClock(START)
    db = tmp_path / "db"

    async def scenario():
        async with wall(db, None, clock) as (app, pilot, screen):
            said = await shows(pilot, "No meeting is open in dialogtui yet.")  # no database
            s = Scribe(db, clock)
            s.close()
            await shows(pilot, "No meeting is open in dialogtui yet.")
            engine = s.reopen()
            await shows(pilot, engine.step.title)
            s.end()
            assert said

    run(scenario)


# The scribe's actions, in any order: what is written must never reach the room's view
# unless the scribe shows it (or reads it back), and the view's line always says what the
# scribe chose.
ACTIONS = ("submit", "pass", "draft", "ctrl+w", "next step", "pause", "read back", "close it", "v")
# ctrl+w twice as often: the room sees notes, then a pause, only after one press and two.
CHOSEN = st.sampled_from((*ACTIONS, "ctrl+w"))


@settings(max_examples=25, derandomize=True)
@given(actions=st.lists(CHOSEN, min_size=1, max_size=12))
def test_the_room_sees_what_is_written_only_when_the_scribe_shows_it(actions):
    import tempfile

    from dialogtui.tui.wall.screen import shows_name, view_name

    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(START)
        s = Scribe(Path(folder) / "db", clock)
        engine = s.engine
        engine.start()

        async def scenario():
            async with wall(s.db, s.id, clock) as (app, pilot, screen):
                written: list[str] = []
                for n, action in enumerate(actions):
                    said = f"skrivet{n}x"
                    if action == "submit":
                        engine.submit(said)
                        written.append(said)
                    elif action == "pass" and engine.step.is_round:
                        with contextlib.suppress(MeetingError):  # nobody left to pass
                            engine.pass_turn()
                    elif action == "draft":
                        engine.drafts.save(said)
                        written.append(said)
                    elif action == "ctrl+w":
                        engine.room.next()
                    elif action == "next step":
                        engine.next_step()
                    elif action == "pause" and not engine.paused:
                        engine.pause()
                    elif action == "pause":
                        engine.resume()
                    elif action == "read back":
                        engine.room.reading(engine.step_index)
                    elif action == "close it":
                        engine.room.reading(None)
                    elif action == "v":
                        await pilot.press("v")
                    screen.poll()
                    await pilot.pause()
                    text = screen_text(app)
                    setting = s.store.room_setting(s.id)
                    view = screen.follower.view
                    line = text.splitlines()[0].strip()
                    assert line.startswith(f"{view_name(view)} · {shows_name(setting.shows)}")
                    room = view == "room"
                    if room and setting.shows is not RoomShows.notes and setting.reading is None:
                        assert not [w for w in written if w in text], text
                    if room and setting.shows is RoomShows.blank:
                        assert [ln.strip() for ln in text.splitlines()[1:] if ln.strip()][:2] == [
                            "Pause",
                            engine.info.title,
                        ]

        try:
            run(scenario)
        finally:
            s.end()


# -- the views, the keys, the help -----------------------------------------------------------


def test_v_switches_the_askers_wall_to_the_rooms_view_and_back(scribe):
    engine = scribe.engine
    engine.start()
    engine.submit("Vi ringer skolan")

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock, "asker") as (app, pilot, screen):
            said = await shows(pilot, "Asker's view")
            assert "v Room/asker view" in said  # the footer says the key
            assert "Next step: Step 2/7" in said
            assert "Projected end: 12:30" in said
            assert "Vi ringer skolan" in said  # the asker sees what is written
            await pilot.press("v")
            said = await shows(pilot, "Room's view")
            assert "Next step:" not in said and "Vi ringer skolan" not in said
            await pilot.press("v")
            said = await shows(pilot, "Asker's view")
            assert "Next step: Step 2/7" in said

    run(scenario)


def test_no_key_turns_the_rooms_wall_into_the_askers(scribe):
    # A stray key in the room, or in the browser showing the wall, must never show the
    # facilitators' notes: a wall started as the room's stays the room's.
    engine = scribe.engine
    engine.start()
    engine.submit("Vi ringer skolan")
    keys = ["v", "V", "tab", "enter", "escape", "space", "a", "ctrl+p", "f2", "f9", "ctrl+w"]

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            said = await shows(pilot, "Room's view")
            assert "Room/asker view" not in said  # no such key in the footer
            for key in keys:
                await pilot.press(key)
                if app.screen is not screen:  # a key that opened something: closed again
                    await pilot.press("escape")
                await until(pilot, lambda: app.screen is screen)
                said = await shows(pilot, "Room's view")
                assert screen.follower.view == "room"
                assert "Next step:" not in said and "Speaking time" not in said, key

    run(scenario)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_the_askers_panel_is_beside_the_question_on_a_wide_screen(scribe, size):
    engine = scribe.engine
    engine.start()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock, "asker", size) as (app, p, screen):
            await shows(p, "Speaking time")
            question = screen.query_one("#question").region
            aside = screen.query_one("#aside").region
            if size[0] >= 120:
                assert aside.x >= question.right and aside.y <= question.y
            else:
                assert aside.y >= question.bottom

    run(scenario)


def test_the_askers_panel_scrolls_from_the_keyboard_and_help_says_how(scribe):
    # At 80×24 the asker's panel holds more than its rows: its keys work without a click
    # (after the view was switched too), the help says them, and it has one scrollbar.
    engine = scribe.engine
    engine.start()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock, "asker") as (app, pilot, screen):
            said = await shows(pilot, "Speaking time")
            assert "Facilitator notes" in said and "(f9)" not in said
            aside = screen.query_one("#aside")
            for switch in ([], ["v", "v"]):
                for key in switch:
                    await pilot.press(key)
                await shows(pilot, "Speaking time")
                screen.set_focus(None)  # nothing focused: as after a switch or a click away
                aside.scroll_home(animate=False)
                await until(pilot, lambda: aside.scroll_y == 0)
                assert aside.max_scroll_y > 0  # more than its rows
                await pilot.press("pagedown")
                await until(pilot, lambda: aside.scroll_y > 0)
                await pilot.press("home")
                await until(pilot, lambda: aside.scroll_y == 0)
                await pilot.press("down")
                await until(pilot, lambda: aside.scroll_y == 1)
            assert not aside.show_horizontal_scrollbar
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, WallHelp))
            said = " ".join(screen_text(app).split())
            assert "Scroll the asker's panel" in said

    run(scenario)


def test_help_says_what_the_wall_is_and_how_the_scribe_chooses(scribe):
    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, WallHelp))
            said = " ".join(screen_text(app).split())
            assert "It only reads" in said and "ctrl+w" in said
            assert "Scroll the asker's panel" not in said  # the room's wall has no panel
            assert "Quit" in said
            # No key of a room wall shows the asker's view, and its help offers none.
            assert "Room/asker view" not in said and "(v)" not in said
            assert "dialogtui wall --view asker" in said
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen)
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, WallHelp))

    run(scenario)


def test_ctrl_q_quits(scribe):
    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock) as (app, pilot, screen):
            await pilot.press("ctrl+q")
            await until(pilot, lambda: app.return_code is not None)
            assert app.return_code == 0

    run(scenario)


def test_what_people_typed_is_shown_as_typed_never_as_markup(tmp_path):
    clock = FakeClock(START)
    s = Scribe(tmp_path / "db", clock, people=[("[bold]Anna[/]", None), ("Erik", None)])
    engine = s.engine
    engine.start()
    engine.room.show(RoomShows.notes)
    engine.submit("[red]nej[/red] och [link=x]")

    async def scenario():
        async with wall(s.db, s.id, clock) as (app, pilot, screen):
            said = await shows(pilot, "[red]nej[/red] och [link=x]")
            assert "[bold]Anna[/]: [red]nej" in said

    try:
        run(scenario)
    finally:
        s.end()


def test_a_bug_ends_the_wall_with_a_sentence_not_a_traceback(scribe, monkeypatch, capsys):
    monkeypatch.delenv("DIALOGTUI_DEBUG", raising=False)
    app = build_wall(scribe.db, scribe.id, "room", scribe.clock)

    def broken() -> bool:
        raise RuntimeError("a bug with Anna Lind's words in it")

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, WallScreen))
            app.follower.poll = broken  # type: ignore[method-assign]  # its timer calls it
            await until(pilot, lambda: app.return_code is not None)

    with pytest.raises(RuntimeError):  # under Pilot the test sees it too
        run(scenario)
    assert app.return_code == 70
    said = " ".join(capsys.readouterr().err.split())
    assert "the room's view stopped because of an internal error (RuntimeError)" in said
    assert "a report is in" in said and "Anna Lind" not in said and "Traceback" not in said


# -- the wall never writes -------------------------------------------------------------------


def written(db: Path) -> tuple[bytes, int, int]:
    """The database byte for byte, when it was last written, and how much its write-ahead
    log holds (SQLite may make an empty one for a reader; `-shm` aside: the shared memory
    every reader marks where it reads)."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), db.stat().st_mtime_ns, wal.stat().st_size if wal.exists() else 0


def test_the_wall_never_writes_and_takes_no_lock(scribe):
    engine = scribe.engine
    engine.start()
    engine.submit("Vi ringer skolan")
    engine.room.reading(0)
    scribe.end()  # the scribe's app closed: nothing else writes the file now
    before = written(scribe.db)
    assert before[2] == 0  # all of it in the database itself
    lock_file = scribe.db.parent / "locks" / f"meeting-{scribe.id}.lock"
    holder = lock_file.read_bytes()

    async def scenario():
        async with wall(scribe.db, scribe.id, scribe.clock, "asker") as (app, pilot, screen):
            await shows(pilot, "Vi ringer skolan")
            for key in ("v", "v", "f1", "escape"):
                await pilot.press(key)
            await until(pilot, lambda: app.screen is screen)
            await shows(pilot, "Asker's view")
            scribe.clock.advance(minutes=30)
            screen.tick()
            assert written(scribe.db) == before
            assert lock_file.read_bytes() == holder
            # While the wall runs, the scribe's app can open the meeting (another process:
            # a lock the wall held would refuse it; it names itself as the holder).
            opened = subprocess.run(
                [sys.executable, "-c", SCRIBES_APP, str(scribe.db), str(scribe.id)],
                input="",
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert opened.stdout == "open\n", opened.stderr
            assert lock_file.read_bytes() != holder

    run(scenario)


# -- fitting text to the screen --------------------------------------------------------------


@settings(max_examples=200, derandomize=True)
@given(
    entries=st.lists(
        st.lists(st.text("abc defg hijklmnop", min_size=1, max_size=120), min_size=1, max_size=3),
        min_size=1,
        max_size=30,
    ),
    data=st.data(),
    width=st.integers(8, 160),
    rows=st.integers(3, 30),
    before=st.integers(0, 3000),
    after=st.integers(0, 3000),
)
def test_the_read_back_window_always_shows_the_scribes_item(
    entries, data, width, rows, before, after
):
    # Whatever the page and the screen, the entry the scribe has chosen is on the wall
    # (from its first line, marked), and what is not shown is said above or below.
    texts = tuple("\n".join(lines) for lines in entries)
    at = data.draw(st.integers(-1, len(texts) - 1))
    reading = Reading("Step 1/7 · Startrunda", texts, at, before, after)
    lines = reading_lines(reading, width, rows)
    plain = [line.plain for line in lines]
    assert len(lines) <= rows
    assert all(line.cell_len <= width for line in lines)
    if at >= 0:
        chosen = wrapped(Text("▶ " + texts[at]), width)[0].plain
        assert chosen in plain
    if before:
        assert plain[0].startswith("↑")
    if after:
        assert plain[-1].startswith("↓")
    firsts = [wrapped(Text("  " + t), width)[0].plain for t in texts]
    shown = sum(1 for first in firsts if first in plain)
    if shown + (at >= 0) < len(texts):  # something of the page is cut: said so
        assert plain[0].startswith(("↑", ELLIPSIS)) or plain[-1].startswith(("↓", ELLIPSIS))


@settings(max_examples=200, derandomize=True)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=400),
    width=st.integers(1, 160),
    rows=st.integers(1, 20),
    keep_end=st.booleans(),
)
def test_text_fits_its_rows_and_is_never_cut_without_an_ellipsis(text, width, rows, keep_end):
    whole = wrapped(Text(text), width)
    lines = fit(whole, width, rows, keep_end)
    assert len(lines) <= rows
    assert all(line.cell_len <= width for line in lines)
    if len(whole) <= rows:
        assert [line.plain for line in lines] == [line.plain for line in whole]
    elif keep_end:  # what is written: the newest stay, an ellipsis says the rest is above
        assert lines[0].plain == ELLIPSIS
        assert [line.plain for line in lines[1:]] == [
            x.plain for x in whole[len(whole) - rows + 1 :]
        ]
    else:
        assert lines[-1].plain.endswith(ELLIPSIS)
        assert [line.plain for line in lines[:-1]] == [line.plain for line in whole][: rows - 1]


@settings(max_examples=200, derandomize=True)
@given(
    names=st.lists(
        st.text(st.characters(codec="utf-8", categories=("L", "Zs")), min_size=1, max_size=40),
        min_size=2,
        max_size=12,
    ),
    width=st.integers(2, 160),  # a wide character needs two cells
)
def test_a_rounds_seats_break_between_seats_never_inside_one(names, width):
    pieces = tuple(Text("✓ " + name) for name in names)
    lines = [line.plain for line in packed(pieces, width)]
    assert all(Text(line).cell_len <= width for line in lines)
    for piece in pieces:  # a seat that fits a line is on one line, whole
        if piece.cell_len <= width:
            assert any(piece.plain in line for line in lines)
    # Nothing lost, nothing reordered.
    assert "".join("".join(lines).split()) == "".join("".join(p.plain for p in pieces).split())


def test_a_long_step_title_wraps_beside_the_clock_before_it_is_cut(tmp_path):
    # At 80 columns the clock takes a third of the top rows: the step's title goes on to a
    # second line rather than end in an ellipsis.
    text = (SETS / f"{SET}.toml").read_text("utf-8")
    title = "Startrunda med namn, förväntan och det du har med dig till träffen i dag"
    assert text.count('title = "Startrunda"') == 1
    clock = FakeClock(START)
    s = Scribe(tmp_path / "db", clock, text=text.replace('"Startrunda"', f'"{title}"', 1))
    s.engine.start()

    async def scenario():
        async with wall(s.db, s.id, clock) as (app, pilot, screen):
            await shows(pilot, "Step 1/7")
            await shows(pilot, "left")  # the clock beside it
            shown = screen.query_one("#step").render().plain  # as drawn, in its rows
            assert title in " ".join(shown.split()) and ELLIPSIS not in shown
            step = screen.query_one("#step").region
            assert step.height == 2 and step.right <= screen.query_one("#clock-box").region.x

    try:
        run(scenario)
    finally:
        s.end()


def test_a_long_question_at_80_by_24_ends_in_an_ellipsis(tmp_path):
    # A question longer than the screen can hold: its set's first question, thirty times.
    text = (SETS / f"{SET}.toml").read_text("utf-8")
    first = parse_question_set(text, SET).steps[0].questions[0].text
    long = " ".join([first] * 30)
    clock = FakeClock(START)
    s = Scribe(tmp_path / "db", clock, text=text.replace(first, long, 1))
    s.engine.start()

    async def scenario():
        async with wall(s.db, s.id, clock) as (app, pilot, screen):
            said = await shows(pilot, first[:30])
            assert ELLIPSIS in said
            assert screen.query_one("#question").region.bottom <= 23  # above the footer

    try:
        run(scenario)
    finally:
        s.end()


@pytest.mark.parametrize("view", ["room", "asker"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
def test_a_crowded_step_keeps_every_part_on_the_screen(tmp_path, view, size):
    # A long question, eight people with long names, what is written: each part of the
    # main column is on the screen, cut only with an ellipsis where it must be.
    text = (SETS / f"{SET}.toml").read_text("utf-8")
    first = parse_question_set(text, SET).steps[0].questions[0].text
    people = [(f"Deltagare {n} Johansson-Lindqvist-Al-Hassan", None) for n in range(8)]
    clock = FakeClock(START)
    s = Scribe(tmp_path / "db", clock, people=people, text=text.replace(first, first * 12, 1))
    engine = s.engine
    engine.start()
    engine.room.show(RoomShows.notes)
    for n in range(5):
        engine.submit(f"Det viktigaste {n} är att vi hör av oss till varandra i tid. " * 3)

    async def scenario():
        async with wall(s.db, s.id, clock, view, size) as (app, pilot, screen):
            said = await shows(pilot, "Deltagare 0")
            await pilot.pause()
            main = screen.query_one("#main").region
            parts = [p for p in screen.query("#main Fitted") if p.display]
            assert len(parts) >= 3  # the question, the seats, what is written
            for part in parts:
                assert part.region.height >= 1 and main.contains_region(part.region), part.id
            if size == (80, 24):
                assert ELLIPSIS in said  # cut where it could not be whole

    try:
        run(scenario)
    finally:
        s.end()


# -- the command -----------------------------------------------------------------------------


def test_a_bad_meeting_is_a_one_line_error(cli, tmp_path):
    done = cli("wall", "abc")
    assert done.code == 1 and done.err.count("\n") == 1 and "not a meeting id" in done.err
    done = cli("wall", "7")
    assert done.code == 1 and "no meeting with id 7" in done.err


def test_an_unknown_view_is_a_usage_error(cli):
    done = cli("wall", "--view", "scribe")
    assert done.code == 2 and "'scribe' is not a view; use room or asker" in done.err


def test_the_command_speaks_the_uis_language(cli, monkeypatch):
    from dialogtui import i18n

    monkeypatch.setenv("DIALOGTUI_LANG", "sv")
    try:
        done = cli("wall", "--view", "scribe")
    finally:
        i18n.use("en")
    assert done.code == 2 and "Användning:" in done.err and "is not a view" not in done.err


def test_wall_is_listed_after_opening_the_app():
    from dialogtui.cli.root import ORDER

    assert ORDER.index("wall") == ORDER.index("resume") + 1


def test_serve_is_handed_the_meeting_view_host_and_port(cli, monkeypatch, tmp_path):
    import types

    asked = []
    fake = types.ModuleType("dialogtui.tui.wall.serve")
    fake.serve = lambda *args: asked.append(args)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dialogtui.tui.wall.serve", fake)
    done = cli("wall", "--view", "asker", "--serve", "--port", "9001")
    assert done.code == 0, done.err
    assert asked == [(None, "asker", "127.0.0.1", 9001)]
