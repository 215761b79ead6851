"""A data folder made by an earlier dialogtui still opens, resumes and exports.

tests/fixtures/store-schema-5.sqlite3 was written by dialogtui at db08f2c (schema 5, before
rounds over organisations and alternative questions): a Träff 3 meeting and a temamöte,
both stopped at their second step with a draft, turns in every step, an action and a
decision (tests/fixtures/make_store_schema_5.py made it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.store import Store
from dialogtui.store.migrations import LATEST

FIXTURE = Path(__file__).parent / "fixtures" / "store-schema-5.sqlite3"


@pytest.fixture
def old_store(tmp_path):
    path = tmp_path / "dialogtui.sqlite3"
    shutil.copyfile(FIXTURE, path)  # never the fixture itself: opening upgrades it
    store = Store.open(path)
    yield store
    store.close()


def test_an_old_store_is_upgraded_with_its_meetings_whole(old_store):
    assert old_store.schema_version == LATEST
    meetings = old_store.list_meetings()
    assert sorted(m.title for m in meetings) == [
        "Gammalt möte: SamTidigt Träff 3 - Tidslinje för ett case",
        "Gammalt möte: Tema/planeringsmöte",
    ]
    assert sum(old_store.count_step_turns(m.id, 0) for m in meetings) > 0


@pytest.mark.parametrize(
    ("meeting_id", "also"),
    [(1, "Steg 3, fråga 1: Cia Holm"), (2, "Boka nästa träff")],  # Träff 3 has no action plan
    ids=["traff-3", "temamote"],
)
def test_an_old_meeting_resumes_where_it_stopped_and_exports(old_store, meeting_id, also, tmp_path):
    m = MeetingEngine.open(old_store, meeting_id, FakeClock())
    m.start()
    assert m.step_index == 1 and m.drafts.text() == "Ett utkast som inte skickats"
    before = render_minutes(load_record(old_store, meeting_id))
    assert "Steg 1, fråga 1:" in before and "Vi ses igen i januari" in before
    assert also in before
    # The meeting goes on under today's code: a turn, another step, the end.
    m.submit("Ett nytt inlägg efter uppgraderingen")
    m.next_step()
    m.finish()
    m.close()
    out = export_meeting(old_store, meeting_id, tmp_path / "out")
    minutes = out.paths[0]  # the minutes in Markdown come first
    text = minutes.read_text(encoding="utf-8")
    assert "Ett nytt inlägg efter uppgraderingen" in text and "Steg 1, fråga 1:" in text


def test_an_old_temamote_that_asked_both_themes_keeps_both_in_its_minutes(old_store):
    # Its stored set asked the two themes in a row; that meeting's record is what was said.
    minutes = render_minutes(load_record(old_store, 2))
    assert "Vad behövs för att vi i samverkan" in minutes
    assert "Hur kan avdelningen för social service" in minutes


def test_an_old_stores_notes_survive_the_table_made_again(old_store):
    # Migration 10 makes the notes table again (a note may now be a standpoint).
    minutes = render_minutes(load_record(old_store, 1))
    assert "Vi ses igen i januari" in minutes
