"""A meeting read back, accepted and ended, then opened again: what is written after is not
what was accepted, and the scribe and the minutes say so (the new-user review's resume of
an accepted meeting, which put new decisions under the old acceptance line)."""

from __future__ import annotations

import re

from meeting_helpers import new_meeting
from tui_helpers import START, run, until

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import NoteKind
from dialogtui.store import Store


def accepted_and_ended(db) -> int:
    store = Store.open(db)
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")], clock=FakeClock(START))
    m.start()
    m.submit("Anna talar")
    m.read_back.accept("Anna Lind", [("turns", 1)])
    m.finish()
    m.close()
    store.close()
    return m.id


def test_what_is_written_after_a_reopening_is_not_taken_as_read_back(tmp_path):
    db = tmp_path / "db.sqlite3"
    mid = accepted_and_ended(db)
    store = Store.open(db)
    before = render_minutes(load_record(store, mid))
    assert "öppnades igen" not in before
    m = MeetingEngine.open(store, mid, FakeClock(START))
    m.start()
    assert m.reopened_after_read_back
    m.notes.add(NoteKind.decision, "Ett beslut efter uppläsningen")
    m.close()
    minutes = " ".join(render_minutes(load_record(store, mid)).split())
    said = r"Anna Lind \(kl\. \d\d:\d\d; läst: 1 inlägg; mötet öppnades igen kl\. \d\d:\d\d:"
    said += " det som"
    assert re.search(said + r" skrevs efter det är inte uppläst\)", minutes), minutes[:600]
    # Opened again a second time, the first reopening is the one that counts.
    m = MeetingEngine.open(store, mid, FakeClock(START))
    m.start()
    m.close()
    assert [rb.reopened_at for rb in store.read_backs(mid)][0] is not None
    store.close()


def test_the_scribe_is_told_on_opening_an_accepted_meeting_again(tmp_path, private_home):
    db = tmp_path / "db.sqlite3"
    mid = accepted_and_ended(db)

    from dialogtui.tui.screens.end import EndScreen

    async def scenario(app, pilot):
        # An ended meeting opens at its end, still ended; b there opens it again, asked.
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("b")
        await until(pilot, lambda: not isinstance(app.screen, EndScreen))
        await pilot.press("enter")
        await until(
            pilot, lambda: any("was not read back" in str(n.message) for n in app._notifications)
        )

    run(scenario, db=db, meeting_id=mid)
