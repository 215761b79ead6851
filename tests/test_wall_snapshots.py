"""What the room's view looks like at each stage of a meeting, in both views, at 80×24 (a
terminal window) and 160×45 (a projector's): one snapshot per stage, view and size. Long
names and a long question: nothing may fall off the screen unseen.

Review changes with `scripts/test -n0 tests/test_wall_snapshots.py --snapshot-update` and
the diff in tests/__snapshots__/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SETS
from meeting_helpers import new_meeting
from test_wall import SCRIBES_APP
from tui_helpers import START

from dialogtui.meeting.clock import FakeClock
from dialogtui.records import RoomShows
from dialogtui.store import Store
from dialogtui.tui.wall.app import build_wall
from dialogtui.tui.wall.screen import WallScreen
from dialogtui.tui.widgets.footer import KeyFooter

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
VIEWS = ["room", "asker"]
PEOPLE = [
    ("Anna-Karin Johansson-Lindqvist", "skola", "Rektor"),
    ("Mohammed Abdulrahman Al-Hassan", "socialtjanst", "IFO"),
    ("Kristoffer Gustafsson-Bergström", "skola", "Kurator"),
    ("Maria Magdalena Eriksson", "socialtjanst", "Familjebehandlare"),
]
SAID = [
    "Att barnet får gå till skolan varje dag och att vi hör av oss till varandra i tid.",
    "Vi behöver en kontaktperson som familjen känner.",
]


def meeting(store, clock, set_id="samtidigt-traff-4", text=None):
    people = [(name, role, org) for name, role, org in PEOPLE]
    return new_meeting(store, set_id, people, clock=clock, text=text, title="Träff 4, hösten")


def not_started(store, clock):
    return meeting(store, clock)


def in_a_round(store, clock):
    m = meeting(store, clock)
    m.start()
    m.submit(SAID[0])
    m.pass_turn()
    return m


def notes_shown(store, clock):
    m = in_a_round(store, clock)
    m.submit(SAID[1])
    m.drafts.save("Jag tänker att skolan och socialtjänsten borde")
    m.room.show(RoomShows.notes)
    return m


def over_time(store, clock):
    m = in_a_round(store, clock)
    clock.advance(minutes=27)
    return m


def paused(store, clock):
    m = in_a_round(store, clock)
    clock.advance(minutes=3)
    m.pause()
    return m


def blank(store, clock):
    m = in_a_round(store, clock)
    m.room.show(RoomShows.blank)
    return m


def reading(store, clock):
    m = notes_shown(store, clock)
    m.room.show(RoomShows.questions)
    m.room.reading(0)
    return m


def ended(store, clock):
    m = in_a_round(store, clock)
    m.finish()
    return m


def groups(store, clock):
    m = meeting(store, clock, "samtidigt-traff-3")
    m.start()
    m.goto_step(m.qs.index_of("post-it"))
    return m


def long_question(store, clock):
    text = (SETS / "samtidigt-traff-4.toml").read_text("utf-8")
    first = "En startrunda med namn och förväntan/vad du har med dig."
    assert first in text
    long = " ".join([first] * 25)
    m = meeting(store, clock, text=text.replace(first, long, 1))
    m.start()
    return m


STAGES = {
    f.__name__: f
    for f in (
        not_started,
        in_a_round,
        notes_shown,
        over_time,
        paused,
        blank,
        reading,
        ended,
        groups,
        long_question,
    )
}


def wall_over(tmp_path: Path, stage, view: str, scribe_gone: bool = False):
    """The wall over a meeting at `stage`, the scribe's app still running it (this process
    holds its lock), or gone (a process that held it was killed)."""
    db = tmp_path / "db"
    clock = FakeClock(START)
    store = Store.open(db)
    engine = stage(store, clock)
    meeting_id = engine.id
    if scribe_gone:
        engine.close()
        child = subprocess.Popen(
            [sys.executable, "-c", SCRIBES_APP, str(db), str(meeting_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "open\n"
        child.kill()
        child.wait()
    # The engine (and its lock) stays open while the wall is drawn: the scribe's app runs.
    return build_wall(db, meeting_id, view, clock)


async def steady(pilot) -> None:
    """Until the wall has read the meeting and drawn it, its footer too."""
    app = pilot.app
    for _ in range(200):
        screen = app.screen
        if (
            isinstance(screen, WallScreen)
            and (screen.follower.shown.content is not None or screen.follower.shown.waiting)
            and screen.query(KeyFooter)
            and screen.query_one(KeyFooter).keys
        ):
            break
        await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("stage", list(STAGES))
def test_wall(snap_compare, tmp_path, stage, view, size):
    app = wall_over(tmp_path, STAGES[stage], view)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", VIEWS)
def test_wall_waiting_for_the_scribe(snap_compare, tmp_path, view, size):
    app = wall_over(tmp_path, notes_shown, view, scribe_gone=True)
    assert snap_compare(app, terminal_size=size, run_before=steady)
