"""What the start screen looks like with meetings ended and a series (folded, opened), when
nothing matches, an ended meeting's end opened from it, and the set-up's "Follows up" list:
at 80×24 and 60×20 (`--snapshot-update` after a change, then look at the SVGs)."""

from __future__ import annotations

import datetime as dt

import pytest
from meeting_helpers import new_meeting
from test_snapshots import SIZES, after, steady
from tui_helpers import START

from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem
from dialogtui.store import Store
from dialogtui.tui.app import build_app


def seeded(tmp_path, **kwargs):
    """Three Klientmöten with the Lind family, a week apart, ended; an unfinished Träff 2;
    two Träff 4s of one day, ended, each with its own people."""
    db = tmp_path / "db"
    clock = FakeClock(START)
    store = Store.open(db)
    previous = None
    for n, day in enumerate([5, 12, 19], start=1):
        m = new_meeting(
            store,
            "raseborg-klientmote",
            [("Anna Lind", "familj"), ("Per Ström", "myndighet"), ("Maria Åberg", "familj")],
            clock,
            title="Klientmöte – Lind",
            date=dt.date(2026, 12, day),
            place="Ekenäs",
            previous_id=previous,
        )
        m.start()
        m.submit("Anna berättar om fotbollen")
        if n < 3:
            m.actions.add(ActionItem("Boka tid hos kuratorn", who="Per Ström"))
        m.finish()
        previous = m.id
        m.close()
    for people in ([("Ada Berg", "skola"), ("Per Holm", "socialtjanst")], [("Olle Ek", "skola")]):
        m = new_meeting(
            store,
            "samtidigt-traff-4",
            people,
            clock,
            title="Träff 4 - Casearbete",
            date=dt.date(2026, 12, 5),
            place="Karis skola",
        )
        m.start()
        m.finish()
        m.close()
    m = new_meeting(
        store,
        "samtidigt-traff-2",
        [("Ada Berg", "skola")],
        clock,
        title="Träff 2",
        date=dt.date(2026, 12, 20),
    )
    m.start()
    m.close()
    store.close()
    return build_app(db_path=db, clock=clock, **kwargs)


@pytest.mark.parametrize("size", SIZES)
def test_start_with_ended_meetings_and_a_series_folded(snap_compare, tmp_path, size):
    assert snap_compare(seeded(tmp_path), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_start_with_a_series_opened(snap_compare, tmp_path, size):
    # Down to the series' line (under the meeting to resume), opened.
    app = seeded(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("down", "right"))


@pytest.mark.parametrize("size", SIZES)
def test_start_nothing_matches(snap_compare, tmp_path, size):
    app = seeded(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after(*"qzx"))


@pytest.mark.parametrize("size", SIZES)
def test_start_an_ended_meeting_opens_at_its_end(snap_compare, tmp_path, size):
    # "olle" finds the Träff 4 he was at; enter opens its end, still ended.
    app = seeded(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after(*"olle", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_setup_follows_up_list(snap_compare, tmp_path, size):
    app = seeded(tmp_path, set_ref="raseborg-klientmote")

    async def run_before(pilot):
        await steady(pilot)
        pilot.app.screen.query_one("#previous").expanded = True
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
