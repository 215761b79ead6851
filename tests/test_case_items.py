"""A decision, a concern, a rating and a choice's mark are kept with the case they were made
in (the time through their step), as turns and actions are: a child's zones and decisions
are that child's. An older store's are of the first time through."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from case_meeting import PEOPLE, traff_4_with_zones
from meeting_helpers import new_meeting

from dialogtui.export.record import load_record
from dialogtui.kinds import choice, scale
from dialogtui.records import ChoiceMark, NoteKind, ScaleRating
from dialogtui.store import Store
from dialogtui.store.connection import _split
from dialogtui.store.migrations import LATEST, MIGRATIONS
from dialogtui.tui.dialogs.notes import note_rows

FIXTURE = Path(__file__).parent / "fixtures" / "store-schema-5.sqlite3"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_each_case_keeps_its_own_notes_ratings_and_marks(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, text=traff_4_with_zones())
    m.start()
    oro, samarbete = m.qs.index_of("oro"), m.qs.index_of("samarbete")
    lena = m.participants[0].id
    for case in (1, 2):
        if case == 2:
            assert m.repeat_block()
        m.goto_step(oro, repetition=case)
        scale.rate(m.kind_context(), lena, case, f"oro {case}")
        m.notes.add(NoteKind.concern, f"farhåga {case}")
        m.goto_step(samarbete, repetition=case)
        choice.mark(m.kind_context(), "lag" if case == 1 else "stafett", "now")
        # What the step's panel shows is this case's only.
        assert [x.option_id for x in choice.marks(m.kind_context())] == [
            "lag" if case == 1 else "stafett"
        ]
    m.goto_step(oro, repetition=1)
    assert [r.comment for r in scale.ratings(m.kind_context())] == ["oro 1"]
    m.goto_step(oro, repetition=2)
    assert [r.comment for r in scale.ratings(m.kind_context())] == ["oro 2"]
    r = load_record(store, m.id)
    assert sorted((x.text, x.repetition) for x in r.notes) == [("farhåga 1", 1), ("farhåga 2", 2)]
    assert sorted((x.comment, x.repetition) for x in r.ratings) == [("oro 1", 1), ("oro 2", 2)]
    assert sorted((x.option_id, x.repetition) for x in r.choices) == [("lag", 1), ("stafett", 2)]


def test_an_old_stores_notes_are_of_the_first_time_through(tmp_path):
    path = tmp_path / "dialogtui.sqlite3"
    shutil.copyfile(FIXTURE, path)  # never the fixture itself: opening upgrades it
    store = Store.open(path)
    try:
        notes = [n for m in store.list_meetings() for n in store.notes(m.id)]
        assert notes and all(n.repetition == 1 for n in notes)
    finally:
        store.close()


def test_rated_in_one_case_the_round_of_the_next_is_still_to_rate(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, text=traff_4_with_zones())
    m.start()
    oro = m.qs.index_of("oro")
    m.goto_step(oro)
    for _ in PEOPLE:
        scale.rate_speaker(m.kind_context(), 1)
    assert m.pos.speaker_id is None  # everyone has rated case 1's child
    assert m.repeat_block()
    m.goto_step(oro, repetition=2)
    # Case 2's child is rated by all again, one after the other.
    assert m.pos.speaker_id == m.participants[0].id
    scale.rate_speaker(m.kind_context(), 2)
    assert m.pos.speaker_id == m.participants[1].id


def test_the_notes_list_says_which_case_a_note_is_of(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, text=traff_4_with_zones())
    m.start()
    m.notes.add(NoteKind.decision, "i startrundan")
    m.goto_step(m.qs.index_of("casekarta"))
    assert m.repeat_block()
    m.notes.add(NoteKind.concern, "om flickan")
    lines = [row.line for row in note_rows(m)]
    assert "Decision · step 1: i startrundan" in lines
    assert "Concern · step 4 · Case 2: om flickan" in lines


def test_a_store_of_schema_19_keeps_its_ratings_marks_and_notes(tmp_path):
    # A file as dialogtui left it before notes, ratings and marks kept their case: made
    # with the first 19 migrations, one of each written by that schema's columns.
    path = tmp_path / "dialogtui.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for script in MIGRATIONS[:19]:
        for statement in _split(script):
            db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (19)")
    db.execute(
        "INSERT INTO meetings (id, set_id, set_toml, title, date, language, created_at)"
        " VALUES (1, 's', '', 'Möte', '2026-01-15', 'sv', '2026-01-15T09:00:00')"
    )
    db.execute("INSERT INTO participants (id, meeting_id, position, name) VALUES (7, 1, 0, 'Lena')")
    db.execute("INSERT INTO scale_ratings VALUES (1, 2, 7, 4, 'orolig')")
    db.execute("INSERT INTO choice_marks VALUES (1, 3, 'now', 7, 'lag')")
    db.execute("INSERT INTO choice_picks VALUES (1, 3, 'desired', 'stafett')")
    db.execute(
        "INSERT INTO notes (meeting_id, kind, step_index, text, created_at)"
        " VALUES (1, 'decision', 2, 'beslut', '2026-01-15T09:00:00')"
    )
    db.commit()
    db.close()
    store = Store.open(path)
    try:
        assert store.schema_version == LATEST
        assert store.scale_ratings(1) == [ScaleRating(2, 7, 4, "orolig", 1)]
        assert store.choice_marks(1) == [
            ChoiceMark(3, "stafett", "desired", None, 1),
            ChoiceMark(3, "lag", "now", 7, 1),
        ]
        assert [(n.text, n.repetition) for n in store.notes(1)] == [("beslut", 1)]
        # Rated again in case 2, the first case's rating stays.
        store.rate_scale(1, ScaleRating(2, 7, 1, "lugn", 2))
        assert [r.comment for r in store.scale_ratings(1)] == ["orolig", "lugn"]
    finally:
        store.close()
