"""The room's view follows a meeting another process moves (`dialogtui.wall.follow`): it
reads only when the store changed, waits (saying why) while there is nothing to show or the
scribe's app is closed, picks up again when it opens, takes no lock and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from meeting_helpers import new_meeting

from dialogtui.meeting.clock import SystemClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import RoomShows
from dialogtui.store import Store
from dialogtui.wall import view as wall_view
from dialogtui.wall.follow import Follower

PEOPLE = [("Lena Ström", "skola", "Karis skola"), ("Nina Åberg", "socialtjanst", "Soc")]


def scribe(db):
    store = Store.open(db)
    engine = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    engine.start()
    return store, engine


def test_it_reads_again_only_when_the_store_changed(tmp_path):
    db = tmp_path / "db.sqlite3"
    store, engine = scribe(db)
    wall = Follower(db, engine.id, wall_view.ROOM, engine.clock)
    assert wall.poll() and wall.shown.waiting == ""
    assert wall.shown.content.step.startswith("Step 1/")
    assert not wall.poll()  # nothing changed: nothing read, nothing redrawn
    engine.next_step()
    assert wall.poll() and wall.shown.content.step.startswith("Step 2/")
    engine.submit("Vi börjar med skolan")
    assert wall.poll()  # the round goes on: the next has the floor
    assert wall.shown.content.written == ()  # the room is shown questions only
    engine.room.show(RoomShows.notes)
    assert wall.poll() and wall.shown.content.shows is RoomShows.notes
    assert [s.text for s in wall.shown.content.written] == ["Vi börjar med skolan"]
    wall.close()
    engine.close()
    store.close()


def test_the_clock_runs_on_from_the_stores_clock_since(tmp_path):
    db = tmp_path / "db.sqlite3"
    store, engine = scribe(db)
    wall = Follower(db, engine.id, wall_view.ROOM, engine.clock)
    wall.poll()
    engine.clock.advance(seconds=75)  # no save in between: the running part is counted
    assert wall.clock().elapsed == "01:15"
    engine.pause()
    wall.poll()
    engine.clock.advance(seconds=60)
    assert wall.clock().elapsed == "01:15" and wall.shown.content.state == "paused"
    engine.resume()
    engine.clock.advance(seconds=5)
    engine.close()  # the scribe's app closes: the clock stands at the time saved
    wall.poll()
    engine.clock.advance(seconds=60)
    assert wall.shown.waiting and wall.clock().elapsed == "01:20"
    wall.close()
    engine.close()
    store.close()


def test_it_waits_for_the_database_and_for_a_meeting(tmp_path):
    db = tmp_path / "db.sqlite3"
    wall = Follower(db, None, wall_view.ROOM, SystemClock())
    wall.poll()
    assert wall.shown.content is None and "No meeting is open" in wall.shown.waiting
    store, engine = scribe(db)
    assert wall.poll() and wall.shown.content is not None  # the meeting now open
    assert wall.following == engine.id
    wall.close()
    engine.close()
    store.close()


HOLD = """
import sys
from dialogtui.store import Store
from dialogtui.meeting.clock import SystemClock
from dialogtui.meeting.clock import SystemClock
from dialogtui.meeting.engine import MeetingEngine
store = Store.open(sys.argv[1])
engine = MeetingEngine.open(store, int(sys.argv[2]), SystemClock())
engine.start()
print("open", flush=True)
sys.stdin.readline()
"""


def test_it_waits_while_the_scribes_app_is_closed_and_picks_up_again(tmp_path):
    db = tmp_path / "db.sqlite3"
    store, engine = scribe(db)
    mid = engine.id
    engine.close()
    store.close()
    wall = Follower(db, mid, wall_view.ROOM, engine.clock)
    wall.poll()
    assert "closed" in wall.shown.waiting and wall.shown.content is not None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    app = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(HOLD), str(db), str(mid)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert app.stdout.readline().strip() == "open"
        assert wall.poll() and wall.shown.waiting == ""
        app.kill()  # kill -9: the lock goes with the process
        app.wait()
        assert wall.poll() and "closed" in wall.shown.waiting
    finally:
        app.kill()
        app.wait()
    wall.close()


def test_it_takes_no_lock_and_writes_nothing(tmp_path):
    db = tmp_path / "db.sqlite3"
    store, engine = scribe(db)
    mid = engine.id
    engine.close()
    store.close()
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.glob("db.sqlite3*")}
    wall = Follower(db, mid, wall_view.ASKER, engine.clock)
    for _ in range(3):
        wall.poll()
        wall.clock()
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.glob("db.sqlite3*")}
    assert after["db.sqlite3"] == before["db.sqlite3"]
    # The scribe's app opens the meeting while the wall follows it.
    store = Store.open(db)
    opened = MeetingEngine.open(store, mid, engine.clock)
    assert wall.poll() is not None
    opened.close()
    store.close()
    wall.close()


def test_a_meeting_deleted_for_good_leaves_the_wall(tmp_path):
    db = tmp_path / "db.sqlite3"
    store, engine = scribe(db)
    engine.submit("Lena berättar om Emil")
    engine.room.show(RoomShows.notes)
    wall = Follower(db, engine.id, wall_view.ROOM, engine.clock)
    wall.poll()
    assert "Lena berättar om Emil" in [s.text for s in wall.shown.content.written]
    engine.close()
    store.forget(engine.id)
    assert wall.poll() and wall.shown.content is None
    assert wall.shown.waiting == f"Meeting {engine.id} is not in dialogtui (it was deleted)."
    wall.close()
    store.close()
