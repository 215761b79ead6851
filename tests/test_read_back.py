"""Read-back in the room (issue 15): what was written read back step by step, a turn
corrected there, an objection noted beside its turn, the minutes accepted by the people
named; all of it durable, and in the minutes."""

from __future__ import annotations

import contextlib
import datetime as dt

from meeting_helpers import new_meeting
from tui_helpers import START, burst, run, screen_text, until

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.meeting.clock import FakeClock
from dialogtui.store import Store

PEOPLE = [("Anna Lind", "familj"), ("Sara Berg", "myndighet")]


def a_client_meeting(db, clock=None):
    """A Raseborg client meeting with two turns in its first step, closed again."""
    store = Store.open(db)
    m = new_meeting(store, "raseborg-klientmote", PEOPLE, clock=clock or FakeClock(START))
    m.start()
    m.submit("Att Erik går till skolan varje dag.")
    m.submit("Att vi har fått en bättre kontakt med skolan.")
    meeting_id = m.id
    m.close()
    store.close()
    return meeting_id


@contextlib.contextmanager
def opened(db, meeting_id, clock=None):
    """The meeting opened again, as the app opens it; closed after."""
    from dialogtui.meeting.engine import MeetingEngine

    store = Store.open(db)
    m = MeetingEngine.open(store, meeting_id, clock or FakeClock(START))
    try:
        yield m
    finally:
        m.close()
        store.close()


def flat(app) -> str:
    """The screen's text with its lines joined: a turn wraps where the screen ends."""
    return " ".join(screen_text(app).split())


def test_corrections_objections_and_acceptance_are_kept_and_in_the_minutes(tmp_path):
    db = tmp_path / "db"
    clock = FakeClock(START)
    mid = a_client_meeting(db, clock)
    with opened(db, mid, clock) as m:
        first, second = m.turns.in_step(0)
        clock.advance(minutes=30)
        m.turns.edit(first.id, "Att Erik går till skolan nästan varje dag.", at_read_back=True)
        m.turns.edit(second.id, "Att vi har fått bättre kontakt med skolan.")  # ordinary edit
        m.read_back.object_to(second.id, "Sara Berg", "Kontakten var redan god före mötet.")
        m.read_back.accept("Anna Lind, Sara Berg")

    store = Store.open(db)  # as after a crash: all of it is in the file
    record = load_record(store, mid)
    minutes = render_minutes(record)
    with_history = render_minutes(load_record(store, mid, history=True), history=True)
    store.close()
    assert (
        "- **Anna Lind (familjemedlem):** *(rättat vid uppläsningen)* Att Erik går till skolan"
        in minutes
    )
    assert "- **Anna Lind (familjemedlem):** Att vi har fått bättre kontakt med skolan." in minutes
    assert (
        "  - *Sara Berg anser att uppgiften är oriktig:* Kontakten var redan god före mötet."
        in minutes
    )
    assert "- **Uppläst och godkänt av:** Anna Lind, Sara Berg (kl. 09:30)" in minutes
    # The old text is in the history only, never in the minutes for the participants.
    assert "Att Erik går till skolan varje dag." not in minutes
    assert "*tidigare:* Att Erik går till skolan varje dag." in with_history


def test_an_empty_objection_or_acceptance_is_refused(tmp_path):
    import pytest

    from dialogtui.errors import MeetingError

    db = tmp_path / "db"
    mid = a_client_meeting(db)
    with opened(db, mid) as m:
        turn = m.turns.in_step(0)[0]
        with pytest.raises(MeetingError):
            m.read_back.object_to(turn.id, " ", "fel")
        with pytest.raises(MeetingError):
            m.read_back.object_to(turn.id, "Anna", " ")
        with pytest.raises(MeetingError):
            m.read_back.accept("  ")
        assert m.read_back.objections() == [] and m.read_back.all() == []


def test_the_end_screen_reads_back_corrects_objects_and_accepts(tmp_path):
    # As a scribe does it in the room, each form typed in one burst after its key.
    db = tmp_path / "db"
    mid = a_client_meeting(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Anna Lind" in screen_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: "Time per step" in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: "Att Erik går till skolan varje dag." in flat(app))
        assert "Step 1/4" in screen_text(app)
        burst(app, "e", " Nästan.", "<ctrl+s>")  # the dialog opens at the text's end
        # The minutes' own line: the mark, then the text as corrected.
        await until(pilot, lambda: "(rättat vid uppläsningen) Att Erik går" in flat(app))
        assert "skolan varje dag. Nästan." in flat(app)
        burst(app, "<down>", "o", "Sara", "<enter>", "Kontakten var redan god.", "<ctrl+s>")
        # The marks are the minutes' own words, in the set's language.
        await until(pilot, lambda: "Sara Berg anser att" in screen_text(app))
        burst(app, "a", "<ctrl+s>")
        await until(pilot, lambda: "accepted by Anna Lind, Sara Berg at" in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: "Time per step" in screen_text(app))

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    minutes = render_minutes(load_record(store, mid))
    store.close()
    assert "*(rättat vid uppläsningen)* Att Erik går till skolan varje dag. Nästan." in minutes
    assert "*Sara Berg anser att uppgiften är oriktig:* Kontakten var redan god." in minutes
    assert "Uppläst och godkänt av:** Anna Lind, Sara Berg" in minutes


def test_f10_reads_back_the_current_step_during_the_meeting(tmp_path):
    db = tmp_path / "db"
    mid = a_client_meeting(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Anna Lind" in screen_text(app))
        await pilot.press("f10")
        await until(pilot, lambda: "Step 1/4 · Frågor till" in screen_text(app))
        assert "Att vi har fått en bättre kontakt med skolan." in flat(app)
        await pilot.press("escape")
        await until(pilot, lambda: "tab Who" in screen_text(app))

    run(scenario, db=db, meeting_id=mid)


def test_a_pseudonymised_copy_names_nobody_in_an_objection(tmp_path):
    db = tmp_path / "db"
    mid = a_client_meeting(db)
    with opened(db, mid) as m:
        m.read_back.object_to(m.turns.in_step(0)[1].id, "Sara Berg", "Anna Lind sa något annat.")
        m.read_back.accept("Anna Lind, Sara Berg")
        minutes = render_minutes(load_record(m.store, mid), pseudonymise=True)
    assert "Sara" not in minutes and "Anna" not in minutes and "Lind" not in minutes
    assert (
        "*Myndighetsperson anser att uppgiften är oriktig:* Familjemedlem sa något annat."
        in minutes
    )
    assert "- **Uppläst och godkänt av:** Familjemedlem, Myndighetsperson (kl. 09:00)" in minutes


def test_the_plan_made_in_a_step_is_read_back_with_it(tmp_path):
    # The plan is what most needs reading back: its what, who and when, on its step's page.
    from dialogtui.records import ActionItem, PlanFrame

    db = tmp_path / "db"
    mid = a_client_meeting(db)
    with opened(db, mid) as m:
        m.goto_step(len(m.qs.steps) - 1)  # the plan, after the follow-up
        m.actions.add(ActionItem("Ringa skolan", who="Sara Berg", when=dt.date(2026, 2, 2)))
        m.actions.save_plan(PlanFrame(owner="Sara Berg", follow_up_on=dt.date(2026, 3, 2)))

    async def scenario(app, pilot):
        await until(pilot, lambda: "Anna Lind" in screen_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: "Time per step" in screen_text(app))
        await pilot.press("r", "right")
        await until(pilot, lambda: "Step 4/4" in screen_text(app))
        shown = screen_text(app)
        # Each action a field to a line, as it is read aloud (every field: see
        # test_read_back_all.py).
        assert "Vad: Ringa skolan\n" in shown and "Vem: Sara Berg\n" in shown
        assert "När: 2 feb. 2026\n" in shown
        assert "Huvudansvarig för planen (övergripande ansvar): Sara Berg" in shown  # its frame too
        assert "Uppföljningsmöte: 2 mars 2026" in shown

    run(scenario, db=db, meeting_id=mid)
