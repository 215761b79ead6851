"""A turn filed under the wrong speaker is moved to the one who said it (f6 in f8's list of
turns), and the history keeps whom it was filed under, as it keeps an edited turn's text."""

from __future__ import annotations

import pytest
from meeting_helpers import new_meeting
from tui_helpers import run, screen_text, seeded_meeting, type_text, until

from dialogtui.errors import DialogtuiError
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.meeting.state import state_of
from dialogtui.store import Store
from dialogtui.tui.dialogs.people import SpeakerDialog
from dialogtui.tui.screens.capture import CaptureScreen

PEOPLE = [("Lena Ström", "skola", "Karis skola"), ("Tove Lund", None, "Fritid")]


def said_by_lena(store, text: str):
    """A meeting with one turn, filed under Lena: the engine, the turn, Lena's and Tove's ids."""
    m = new_meeting(store, "samtidigt-traff-2", PEOPLE)
    lena, tove = (p.id for p in m.participants)
    m.set_speaker(lena)
    return m, m.submit(text), lena, tove


def test_a_turn_moves_to_another_speaker_and_the_history_keeps_the_first(tmp_path):
    store = Store.open(tmp_path / "db")
    m, turn, lena, tove = said_by_lena(store, "Pojken kan börja i fotbollsgruppen.")
    before = state_of(m)
    m.turns.move(turn.id, tove)
    assert [(t.participant_id, t.text) for t in m.turns.in_step()] == [(tove, turn.text)]
    assert state_of(m).turns != before.turns  # the views redraw
    [revision] = store.revisions(m.id)
    assert (revision.action, revision.participant_id, revision.text) == ("move", lena, turn.text)
    assert m.turns.in_step()[0].edited  # shown as corrected, like an edit
    with pytest.raises(DialogtuiError):
        m.turns.move(turn.id, 9999)  # nobody of this meeting
    other = new_meeting(store, "samtidigt-traff-2", PEOPLE)
    with pytest.raises(DialogtuiError):
        other.turns.move(turn.id, other.participants[0].id)  # a turn of another meeting
    assert [t.participant_id for t in m.turns.in_step()] == [tove]
    store.close()


def test_the_minutes_with_history_say_whom_a_moved_turn_was_filed_under(tmp_path):
    store = Store.open(tmp_path / "db")
    m, turn, _lena, tove = said_by_lena(store, "Fotboll på tisdagar.")
    m.turns.move(turn.id, tove)
    with_history = render_minutes(load_record(store, m.id, history=True), history=True)
    assert "Tove Lund" in with_history and "Lena Ström: Fotboll på tisdagar." in with_history
    plain = render_minutes(load_record(store, m.id))
    assert "Lena Ström: Fotboll" not in plain  # the history only where it is asked for
    store.close()


def test_f6_in_the_turns_list_moves_the_highlighted_turn(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE)

    async def scenario(app, pilot):
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        screen.engine.set_speaker(screen.engine.participants[0].id)
        await type_text(pilot, "Fotboll")
        await pilot.press("enter")
        await until(pilot, lambda: "Lena Ström: Fotboll" in screen_text(app))
        await pilot.press("f8", "f6")
        await until(pilot, lambda: isinstance(app.screen, SpeakerDialog))
        assert "Who said it?" in screen_text(app)
        await pilot.press("2")
        await until(pilot, lambda: "Tove Lund: Fotboll" in screen_text(app))
        assert "(edited)" in screen_text(app)
        # f6 elsewhere still chooses who speaks next.
        await pilot.press("escape", "f6")
        await until(pilot, lambda: "Who speaks?" in screen_text(app))
        await pilot.press("escape")

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    [turn] = store.turns(mid)
    names = {p.id: p.name for p in store.participants(mid)}
    assert names[turn.participant_id] == "Tove Lund"
    store.close()
