"""The scribe's side of the room's view (`dialogtui wall`, issue 31): ctrl+w on the
capture screen chooses what the room sees (the question, a blank pause, also the notes),
said at once and saved in the store (which the room's view reads, in another process) once
the presses stop or anything else is done, so that the room never sees a state pressed
through; a meeting opened shows the room its question only; the read-back tells the store
which page it shows, and that it is closed, whichever way it closes; the palette says how
to open the room's view, as dialogtui was started; a typed letter is never lost to ctrl+w."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import (
    PEOPLE_THREE,
    START,
    burst,
    handled,
    run,
    screen_text,
    seeded_meeting,
    type_text,
    until,
)

from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, ActionStatus, RoomShows
from dialogtui.store import Store
from dialogtui.store.room import READING_AFTER_STEPS, RoomRepo
from dialogtui.tui.screens.capture import CaptureScreen, program
from dialogtui.tui.widgets.draft import DraftArea

# What the text box's top border says, by what the room sees (none: the question only).
BORDER = {
    RoomShows.questions: None,
    RoomShows.notes: "The room sees what you write (ctrl+w)",
    RoomShows.blank: "The room's view is blank (ctrl+w)",
}


def room(db: Path, meeting_id: int):
    """What the store says the room's view shows, read as the room's view reads it: a
    reader of its own on the same file."""
    reader = Store.open_reader(db)
    try:
        return reader.room_setting(meeting_id)
    finally:
        reader.close()


def border(app) -> str | None:
    """The text box's top border, as it says it (None: nothing)."""
    title = app.screen.query_one(DraftArea).border_title
    return None if title is None else title


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


ORDER = [RoomShows.questions, RoomShows.blank, RoomShows.notes]


@contextlib.contextmanager
def held():
    """The scribe's ctrl+w choice is written only when the test says (the screen's timer
    never fires within it: the screen's own write, `room_write_now`, stands for it), and
    every write of what the room sees is listed."""
    writes: list[RoomShows] = []
    real = RoomRepo.set_room_shows

    def written(self, meeting_id, shows):
        real(self, meeting_id, shows)
        writes.append(shows)

    with (
        mock.patch.object(CaptureScreen, "ROOM_SETTLE_SECONDS", 3600.0),
        mock.patch.object(RoomRepo, "set_room_shows", written),
    ):
        yield writes


@contextlib.contextmanager
def disk_full(store):
    """Every write of `store` fails as on a full disk, until the block ends."""
    real = store.tx

    @contextlib.contextmanager
    def full(*args, **kwargs):
        with real(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")
        yield

    store.tx = full
    try:
        yield
    finally:
        del store.tx


def test_ctrl_w_steps_through_what_the_room_sees_said_at_once_written_when_it_stops(tmp_path):
    # A stray ctrl+w (the text box's habit) from the usual state blanks the room; the
    # notes take a second press, through the blank.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)
    seen: list[tuple[RoomShows, str | None, str, RoomShows]] = []

    async def scenario(app, pilot):
        assert room(db, mid).shows is RoomShows.questions and border(app) is None
        for _ in range(4):
            await pilot.press("ctrl+w")
            await handled(app)
            before = room(db, mid).shows
            app.screen.room_write_now()  # as the screen's timer does, the presses stopped
            seen.append((before, border(app), notices(app)[-1], room(db, mid).shows))

    with held() as writes:
        run(scenario, db=db, meeting_id=mid)
    assert [(b, shows) for _, b, _, shows in seen] == [
        (BORDER[RoomShows.blank], RoomShows.blank),
        (BORDER[RoomShows.notes], RoomShows.notes),
        (None, RoomShows.questions),
        (BORDER[RoomShows.blank], RoomShows.blank),
    ]
    # Until the presses stop, the room sees what it saw.
    assert [before for before, *_ in seen] == [
        RoomShows.questions,
        RoomShows.blank,
        RoomShows.notes,
        RoomShows.questions,
    ]
    assert [said for _, _, said, _ in seen[:3]] == [
        "The room's view is blank (a pause).",
        "The room sees the question and what you write.",
        "The room sees the question, not what you write.",
    ]
    assert writes == [RoomShows.blank, RoomShows.notes, RoomShows.questions, RoomShows.blank]


def test_two_quick_presses_never_show_the_room_the_blank_between(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        await pilot.press("ctrl+w")
        await pilot.press("ctrl+w")
        await handled(app)
        assert border(app) == BORDER[RoomShows.notes]
        assert room(db, mid).shows is RoomShows.questions
        app.screen.room_write_now()
        assert room(db, mid).shows is RoomShows.notes
        # Three presses come back round to what the room sees: nothing is written.
        burst(app, "<ctrl+w>", "<ctrl+w>", "<ctrl+w>")
        await handled(app)
        app.screen.room_write_now()

    with held() as writes:
        run(scenario, db=db, meeting_id=mid)
    assert writes == [RoomShows.notes]


def test_the_choice_is_written_once_the_presses_stop(tmp_path, monkeypatch):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)
    monkeypatch.setattr(CaptureScreen, "ROOM_SETTLE_SECONDS", 0.01)

    async def scenario(app, pilot):
        await pilot.press("ctrl+w")
        await until(pilot, lambda: room(db, mid).shows is RoomShows.blank, rounds=5000)
        assert border(app) == BORDER[RoomShows.blank]

    run(scenario, db=db, meeting_id=mid)


@pytest.mark.parametrize(
    "then",
    [["a"], ["left"], ["ctrl+backspace"], ["tab"], ["ctrl+n"], ["f4"], ["f1"], ["ctrl+q"]],
    ids=["letter", "arrow", "word-deleted", "speaker", "step", "dialog", "help", "quit"],
)
def test_any_other_key_writes_the_choice_at_once(tmp_path, then):
    # Typing, a key the text box passes on, the next speaker, a step, a dialog or help
    # opened, quitting: the choice is made, and never lost.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        await type_text(pilot, "Vi ringer")  # a word to move in, or delete
        burst(app, "<ctrl+w>", "<ctrl+w>")
        await handled(app)
        assert room(db, mid).shows is RoomShows.questions
        await pilot.press(*then)
        await handled(app)
        assert room(db, mid).shows is RoomShows.notes

    with held() as writes:
        run(scenario, db=db, meeting_id=mid)
    assert writes == [RoomShows.notes]
    assert room(db, mid).shows is RoomShows.notes


@pytest.mark.parametrize("left", [RoomShows.notes, RoomShows.blank, RoomShows.questions])
def test_a_meeting_opened_shows_the_room_its_question_only(tmp_path, left):
    # A room's view that follows the open meeting never shows the notes of one just opened
    # because it was left at "questions and notes" last time; said only when it changed.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)
    store = Store.open(db)
    store.set_room_shows(mid, left)
    store.close()
    said = "The room sees the question only, as whenever a meeting opens (ctrl+w: more)."

    async def scenario(app, pilot):
        await until(pilot, lambda: hasattr(app.screen, "kept"))
        assert room(db, mid).shows is RoomShows.questions and border(app) is None
        assert (said in notices(app)) is (left is not RoomShows.questions)
        await pilot.press("ctrl+w")
        await until(pilot, lambda: border(app) == BORDER[RoomShows.blank])

    run(scenario, db=db, meeting_id=mid)
    assert room(db, mid).shows is RoomShows.blank  # written as the app quit


def test_a_full_disk_is_said_and_the_room_setting_shown_stays_as_it_is(tmp_path):
    from dialogtui.tui.dialogs.alerts import ErrorDialog

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        capture = app.screen
        await pilot.press("ctrl+w")
        await until(pilot, lambda: border(app) == BORDER[RoomShows.blank])
        capture.room_write_now()
        with disk_full(capture.engine.store):
            await pilot.press("ctrl+w")
            await until(pilot, lambda: border(app) == BORDER[RoomShows.notes])
            capture.room_write_now()
            await until(pilot, lambda: isinstance(app.screen, ErrorDialog))
            await until(pilot, lambda: "disk is full" in screen_text(app))
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is capture)
        assert capture.engine.room.shows is RoomShows.blank
        assert border(app) == BORDER[RoomShows.blank]
        assert room(db, mid).shows is RoomShows.blank

    with held():
        run(scenario, db=db, meeting_id=mid)


def test_ctrl_w_while_typing_keeps_every_letter(tmp_path):
    # The text box's own ctrl+w deletes the word before the cursor: here it is the room's
    # key, and the word typed before it stays (ctrl+backspace still deletes one).
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        draft = app.screen.query_one(DraftArea)
        await type_text(pilot, "Vi ringer")
        await pilot.press("ctrl+w")
        await type_text(pilot, " skolan")
        burst(app, " och", "<ctrl+w>", " BUP", "<ctrl+w>", "<ctrl+w>")
        await handled(app)
        assert draft.text == "Vi ringer skolan och BUP"
        app.screen.room_write_now()
        assert app.screen.engine.room.shows is RoomShows.blank  # four presses
        await pilot.press("ctrl+backspace")
        assert draft.text == "Vi ringer skolan och "

    run(scenario, db=db, meeting_id=mid)


def series_meeting(db: Path) -> int:
    """Träff 1 after an earlier meeting: a turn in its first step, the earlier meeting's
    action followed up and an action noted, both read back after the steps (the set has no
    follow-up or plan step); closed again."""
    store = Store.open(db)
    people = [("Ada", "skola"), ("Bo", "socialtjanst")]
    first = new_meeting(store, "samtidigt-traff-1", people, clock=FakeClock(START))
    first.actions.add(ActionItem("Boka lokal", who="Ada"))
    first.close()
    m = new_meeting(store, "samtidigt-traff-1", people, previous_id=first.id)
    m.start()
    m.submit("Jag hoppas på samarbete.")
    m.next_step()
    m.submit("Vi vill mötas oftare.")
    m.actions.add(ActionItem("Skicka inbjudan", who="Bo"))
    (carried,) = m.actions.carried()
    m.actions.follow_up(carried.id, ActionStatus.done, "Lokalen är bokad.")
    meeting_id = m.id
    m.close()
    store.close()
    return meeting_id


async def read_back_from_the_end(app, pilot):
    from dialogtui.tui.screens.read_back import ReadBackScreen

    await pilot.press("ctrl+o")
    await until(pilot, lambda: "Time per step" in screen_text(app))
    await pilot.press("r")
    await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
    return app.screen


def test_each_read_back_page_shown_is_in_the_store_and_closing_clears_it(tmp_path):
    db = tmp_path / "db"
    mid = series_meeting(db)
    pages: list[int | None] = []

    async def scenario(app, pilot):
        read_back = await read_back_from_the_end(app, pilot)
        pages.append(room(db, mid).reading)
        for _ in range(4):  # the second step, the follow-up, the plan; the last stays
            await pilot.press("right")
            await handled(app)
            pages.append(room(db, mid).reading)
        await pilot.press("left")
        await handled(app)
        pages.append(room(db, mid).reading)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not read_back)
        pages.append(room(db, mid).reading)
        # f10 on the capture screen: the step under way, then closed again.
        await pilot.press("b")  # the end screen's way back into the meeting
        await until(pilot, lambda: hasattr(app.screen, "kept"))
        await pilot.press("f10")
        await until(pilot, lambda: app.screen.__class__.__name__ == "ReadBackScreen")
        pages.append(room(db, mid).reading)
        await pilot.press("escape")
        await until(pilot, lambda: hasattr(app.screen, "kept"))
        pages.append(room(db, mid).reading)

    run(scenario, db=db, meeting_id=mid)
    # The two pages after the steps (the earlier actions followed up, then this meeting's
    # actions) are each their own, so the room reads the page the scribe shows.
    first, second = READING_AFTER_STEPS, READING_AFTER_STEPS - 1
    assert pages == [0, 1, first, second, second, first, None, 1, None]


def test_quitting_during_the_read_back_clears_the_page(tmp_path):
    db = tmp_path / "db"
    mid = series_meeting(db)

    async def scenario(app, pilot):
        await read_back_from_the_end(app, pilot)
        await pilot.press("right")
        await handled(app)
        assert room(db, mid).reading == 1
        await pilot.press("ctrl+q")

    run(scenario, db=db, meeting_id=mid)
    assert room(db, mid).reading is None


def test_a_resume_clears_a_page_a_crash_left(tmp_path):
    db = tmp_path / "db"
    mid = series_meeting(db)
    store = Store.open(db)
    store.set_room_reading(mid, 1)  # as a run that ended during the read-back left it
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: hasattr(app.screen, "kept"))
        assert room(db, mid).reading is None

    run(scenario, db=db, meeting_id=mid)


def test_ctrl_w_on_the_read_back_blanks_the_room_view_or_shows_the_page_again(tmp_path):
    # Blank, the room's view hides the page read: the read-back says so, and its ctrl+w
    # shows the page again; back in the meeting, the text box's border follows.
    db = tmp_path / "db"
    mid = series_meeting(db)
    said: list[tuple[RoomShows, bool]] = []

    async def scenario(app, pilot):
        capture = app.screen
        await pilot.press("f10")
        await until(pilot, lambda: app.screen is not capture)
        read_back = app.screen
        for _ in range(2):
            await pilot.press("ctrl+w")
            await handled(app)
            said.append((room(db, mid).shows, BORDER[RoomShows.blank] in screen_text(app)))
        await pilot.press("ctrl+w")
        await handled(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is capture)
        await until(pilot, lambda: border(app) == BORDER[RoomShows.blank])
        assert read_back.engine.room.shows is RoomShows.blank

    run(scenario, db=db, meeting_id=mid)
    assert said == [(RoomShows.blank, True), (RoomShows.questions, False)]
    assert room(db, mid).shows is RoomShows.blank


def test_a_failure_to_tell_the_store_the_page_never_stops_the_read_back(tmp_path):
    db = tmp_path / "db"
    mid = series_meeting(db)

    async def scenario(app, pilot):
        read_back = await read_back_from_the_end(app, pilot)
        assert room(db, mid).reading == 0
        with disk_full(read_back.engine.store):
            await pilot.press("right")
            await handled(app)
            await pilot.press("right")
            await handled(app)
            assert read_back.page == 2 and app.screen is read_back  # it read on
            said = [n for n in notices(app) if "read back" in n]
            assert said == [
                "The room's view could not be told which page is read back: the disk is "
                "full; nothing new was saved"
            ]
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not read_back)
        assert room(db, mid).reading is None  # the store works again: told it is closed

    run(scenario, db=db, meeting_id=mid)


def test_the_palette_says_how_to_open_the_room_screen_for_this_meeting(tmp_path):
    from textual.command import CommandList, CommandPalette

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await type_text(pilot, "second screen")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: any("--serve" in n for n in notices(app)))
        (told,) = [n for n in app._notifications if "--serve" in str(n.message)]
        said = str(told.message)
        assert f"\ndialogtui wall {mid}\n" in said
        assert f"\ndialogtui wall {mid} --view asker " in said
        assert f"\ndialogtui wall {mid} --serve " in said
        # Short, and soon gone: it covers the text box.
        assert said.count("\n") <= 3 and told.timeout <= 15
        # And ctrl+w's own command, for whoever looks for it there.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await type_text(pilot, "what the room sees")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: border(app) == BORDER[RoomShows.blank])

    run(scenario, db=db, meeting_id=mid)
    assert room(db, mid).shows is RoomShows.blank


def test_the_palette_says_the_command_as_dialogtui_was_started(tmp_path, monkeypatch):
    # Run with README's scripts/run, with no dialogtui on PATH: its run script's path.
    from textual.command import CommandList, CommandPalette

    folder = tmp_path / "dialogtui"
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / "scripts").mkdir()
    (folder / ".venv" / "bin" / "dialogtui").write_text("")
    (folder / "scripts" / "run").write_text("")
    monkeypatch.setattr("sys.argv", [str(folder / ".venv" / "bin" / "dialogtui")])
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app))
        await type_text(pilot, "second screen")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count == 1)
        await pilot.press("enter")
        await until(pilot, lambda: any("--serve" in n for n in notices(app)))
        said = notices(app)[-1]
        assert f"\n{shown(folder / 'scripts' / 'run')} wall {mid} --serve " in said

    run(scenario, db=db, meeting_id=mid)


def shown(path: Path) -> str:
    """A path as the notice says it: from ~ when it is in the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def test_the_program_is_said_as_it_was_started(tmp_path):
    venv_bin = tmp_path / "app" / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "dialogtui").write_text("")
    os.chmod(venv_bin / "dialogtui", 0o755)  # a program, as PATH finds it
    other = tmp_path / "other"
    other.mkdir()
    started = str(venv_bin / "dialogtui")
    # On PATH, this very program: its name.
    assert program(started, path=str(venv_bin)) == "dialogtui"
    # Not on PATH, no run script beside its .venv: its path.
    assert program(started, path=str(other)) == shown(venv_bin / "dialogtui")
    # Another dialogtui on PATH would not be this one.
    (other / "dialogtui").write_text("")
    os.chmod(other / "dialogtui", 0o755)
    assert program(started, path=str(other)) == shown(venv_bin / "dialogtui")
    (tmp_path / "app" / "scripts").mkdir()
    (tmp_path / "app" / "scripts" / "run").write_text("")
    assert program(started, path=str(other)) == shown(tmp_path / "app" / "scripts" / "run")
    # `python -m dialogtui`, or a test: no better guess than the name.
    assert program("/x/dialogtui/__main__.py", path=str(other)) == "dialogtui"
    # A folder with a space: quoted, to be pasted.
    spaced = tmp_path / "my apps" / "bin"
    spaced.mkdir(parents=True)
    assert program(str(spaced / "dialogtui"), path=str(other)).endswith("bin/dialogtui'")


@pytest.mark.parametrize("given", [["--host", "0.0.0.0"], ["--port", "1"], ["--port", "8731"]])
def test_host_and_port_without_serve_are_a_usage_error(cli, given):
    done = cli("wall", *given)
    option = given[0]
    assert done.code == 2
    assert f"'{option}': goes with --serve" in " ".join(done.err.split())


def test_help_lists_ctrl_w_the_word_deleting_keys_and_the_wall(tmp_path):
    from dialogtui.tui.screens.help import HelpScreen

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)

    async def scenario(app, pilot):
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = app.screen.query_one("#keys")
        from tui_helpers import text_of

        said = " ".join(text_of(keys, width=200).split())
        assert (
            "ctrl+w What the room's view (dialogtui wall) shows, press by press: the "
            "question, nothing (a pause), also what you write; the room sees it once you stop"
        ) in said
        assert "ctrl+backspace Delete the word before the cursor, as alt+backspace" in said
        assert "dialogtui wall The room's view in another terminal window" in said
        assert "--view asker" in said and "--serve" in said

    run(scenario, db=db, meeting_id=mid, size=(120, 60))


# -- any sequence of ctrl+w and typing --------------------------------------------------------

# A piece of a turn typed, or ctrl+w; each sent alone or several in one burst, after which
# the presses may stop (the screen's timer writes the choice) or not.
KEYS = st.one_of(st.text("ab åö,", min_size=1, max_size=4), st.just("<ctrl+w>"))


@settings(max_examples=12, derandomize=True)
@given(
    st.lists(
        st.tuples(st.lists(KEYS, min_size=1, max_size=5), st.booleans()), min_size=1, max_size=6
    )
)
def test_any_ctrl_w_and_typing_the_room_sees_only_a_choice_made_and_every_letter_stays(bursts):
    # The model: ctrl+w steps the choice the border says; the store (what the room sees)
    # takes it only when the presses stop or a letter is typed, so it is never written a
    # state pressed through.
    with tempfile.TemporaryDirectory() as folder, held() as writes:
        db = Path(folder) / "db"
        mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE_THREE)
        model = {"room": RoomShows.questions, "chosen": RoomShows.questions}
        written: list[RoomShows] = []

        def made() -> None:
            if model["chosen"] is not model["room"]:
                model["room"] = model["chosen"]
                written.append(model["room"])

        async def scenario(app, pilot):
            draft = app.screen.query_one(DraftArea)
            typed = ""
            for keys, stopped in bursts:
                burst(app, *keys)
                await handled(app)
                for key in keys:
                    if key == "<ctrl+w>":
                        at = ORDER.index(model["chosen"])
                        model["chosen"] = ORDER[(at + 1) % len(ORDER)]
                    else:
                        typed += key
                        made()
                if stopped:
                    app.screen.room_write_now()
                    made()
                assert room(db, mid).shows is model["room"]
                assert border(app) == BORDER[model["chosen"]]
                assert draft.text == typed
                assert writes == written

        run(scenario, db=db, meeting_id=mid)


def test_the_wall_shows_the_page_after_the_steps_the_scribe_shows(tmp_path):
    from dialogtui.store.room import after_steps
    from dialogtui.wall import view as wall_view
    from dialogtui.wall.follow import Follower

    db = tmp_path / "db"
    mid = series_meeting(db)
    store = Store.open(db)
    scribe = MeetingEngine.open(store, mid, FakeClock(START))  # the scribe's app runs
    wall = Follower(db, mid, wall_view.ROOM, FakeClock(START))
    shown = []
    for n in (0, 1):
        store.set_room_reading(mid, after_steps(n))
        wall.poll()
        shown.append("\n".join(wall.shown.content.reading.entries))
    assert "Boka lokal" in shown[0] and "Skicka inbjudan" not in shown[0]
    assert "Skicka inbjudan" in shown[1] and "Boka lokal" not in shown[1]
    wall.close()
    scribe.close()
    store.close()
