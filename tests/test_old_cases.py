"""An old store's case material stays in its case when migrated.

tests/fixtures/store-schema-18.sqlite3 was written by dialogtui at 95ee7c3 (schema 18, the
last release, when a skip and a note were of the whole meeting) by
tests/fixtures/make_store_schema_18.py: three Träff 4 meetings, whose docstring says what
each holds. Migrations 19 and 20 give each old skip and note the case that was being worked
when it was made, never marking skipped a case that wrote something at that step.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.questionset.library import find_with_text
from dialogtui.store import Store
from dialogtui.store.connection import _split
from dialogtui.store.migrations import LATEST, MIGRATIONS

FIXTURE = Path(__file__).parent / "fixtures" / "store-schema-18.sqlite3"
QS, TOML = find_with_text("samtidigt-traff-4")
URVAL, CASEKARTA, PLAN, SAMVERKAN, AVSLUTNING = (
    QS.step_ids.index(s)
    for s in ("urval", "casekarta", "handlingsplan", "samverkanskarta", "avslutning")
)


@pytest.fixture
def old_store(tmp_path):
    path = tmp_path / "dialogtui.sqlite3"
    shutil.copyfile(FIXTURE, path)  # never the fixture itself: opening upgrades it
    store = Store.open(path)
    yield store
    store.close()


def _step(minutes: str, heading: str) -> str:
    """The text under one step's heading of the minutes."""
    found = re.search(rf"^## \d+\. {heading}$", minutes, re.M)
    assert found, heading
    step = minutes[found.start() :]
    return step[: step.index("\n## ", 1)] if "\n## " in step[1:] else step


def _section(minutes: str, heading: str, case: int) -> str:
    """The text of one case under one step's heading of the minutes."""
    step = _step(minutes, heading)
    part = step[step.index(f"### Case {case}") :]
    return part[: part.index("\n### ", 1)] if "\n### " in part[1:] else part


def test_an_old_case_meeting_keeps_its_skip_and_notes_in_their_cases(old_store):
    assert old_store.schema_version == LATEST
    # The selection step was skipped before any case: it stays the meeting's first time
    # through; the collaboration map was skipped in case 2, not in case 1 that wrote a need.
    assert old_store.skipped_steps(1) == {(URVAL, 1), (SAMVERKAN, 2)}
    notes = {n.text: (n.step, n.repetition) for n in old_store.notes(1)}
    assert notes == {
        "Fall 1: beslut om kartläggning": (CASEKARTA, 1),
        "Fall 2: oro för skolfrånvaron": (CASEKARTA, 2),
        "Avslutning: vi ses i januari": (AVSLUTNING, 1),
    }
    minutes = render_minutes(load_record(old_store, 1), method=True)
    case1 = _section(minutes, "Casekarta", 1)
    case2 = _section(minutes, "Casekarta", 2)
    assert "Fall 1: beslut om kartläggning" in case1
    assert "oro för skolfrånvaron" not in case1
    assert "Fall 2: oro för skolfrånvaron" in case2
    need = _section(minutes, "Samverkanskarta", 1)
    assert "Fall 1: behov av kontakt" in need and "Överhoppat" not in need
    assert "Överhoppat" in _section(minutes, "Samverkanskarta", 2)


def test_an_old_skip_made_after_a_case_wrote_at_the_step_goes_to_the_case_without(old_store):
    # Case 1 wrote a need at the collaboration map and then skipped it; case 2 came after
    # and never wrote there: the skip is case 2's, so case 1's need is not under "skipped".
    assert old_store.skipped_steps(2) == {(SAMVERKAN, 2)}
    minutes = render_minutes(load_record(old_store, 2), method=True)
    assert "Överhoppat" not in _section(minutes, "Samverkanskarta", 1)


def test_an_old_skip_of_a_step_every_case_wrote_at_is_dropped(old_store):
    # One case, which wrote a need at the step it then skipped: what was said stands.
    assert old_store.skipped_steps(3) == set()
    minutes = render_minutes(load_record(old_store, 3), method=True)
    step = _step(minutes, "Samverkanskarta")
    assert "Fall 1: ett behov" in step and "Överhoppat" not in step


def test_an_old_meeting_whose_set_does_not_parse_keeps_the_first_time_through(tmp_path):
    path = tmp_path / "dialogtui.sqlite3"
    shutil.copyfile(FIXTURE, path)
    db = sqlite3.connect(path)
    db.execute("UPDATE meetings SET set_toml = 'steps = [' WHERE id = 1")
    db.commit()
    db.close()
    db = sqlite3.connect(path)
    Store.open(path).close()
    skips = set(db.execute("SELECT step_index, repetition FROM skipped_steps WHERE meeting_id=1"))
    reps = {r for (r,) in db.execute("SELECT repetition FROM notes WHERE meeting_id=1")}
    db.close()
    assert skips == {(URVAL, 1), (SAMVERKAN, 1)}
    assert reps == {1}


# -- generated old meetings --------------------------------------------------------------
#
# A scribe goes through the cases in order; in each, first something is written at one of
# the block's steps (a turn, an action, a card), then anything: more of those, notes,
# skips of the collaboration map (the block's optional step), each a minute after the last.

BLOCK = [CASEKARTA, PLAN, SAMVERKAN]
_event = st.tuples(
    st.sampled_from(["turn", "action", "card", "note", "skip"]), st.sampled_from(BLOCK)
)
_case = st.tuples(st.sampled_from(["turn", "action", "card"]), st.sampled_from(BLOCK)).flatmap(
    lambda first: st.lists(_event, max_size=6).map(lambda rest: [first, *rest])
)


def _schema_18(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for script in MIGRATIONS[:18]:
        for statement in _split(script):
            db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (18)")
    db.execute(
        "INSERT INTO meetings (id, set_id, set_toml, title, date, language, created_at)"
        " VALUES (1, ?, ?, 'Möte', '2026-01-15', 'sv', '2026-01-15T09:00:00+00:00')",
        (QS.id, TOML),
    )
    return db


@given(cases=st.lists(_case, min_size=1, max_size=3))
def test_generated_old_meetings_keep_each_note_and_skip_in_its_case(tmp_path_factory, cases):
    path = tmp_path_factory.mktemp("old") / "dialogtui.sqlite3"
    db = _schema_18(path)
    when = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
    note_case: dict[int, int] = {}
    skip_case: int | None = None  # the old store kept one skip per step, the last made
    material: set[int] = set()  # the cases that wrote at the collaboration map
    for case, events in enumerate(cases, start=1):
        for kind, step in events:
            when += dt.timedelta(minutes=1)
            at = when.isoformat()
            if kind == "turn":
                db.execute(
                    "INSERT INTO turns (meeting_id, step_index, repetition, text, started_at,"
                    " ended_at) VALUES (1, ?, ?, 't', ?, ?)",
                    (step, case, at, at),
                )
            elif kind == "action":
                db.execute(
                    "INSERT INTO actions (meeting_id, step_index, repetition, what, created_at,"
                    " updated_at) VALUES (1, ?, ?, 'a', ?, ?)",
                    (step, case, at, at),
                )
            elif kind == "card":
                db.execute(
                    "INSERT INTO cards (meeting_id, step_index, repetition, text, created_at)"
                    " VALUES (1, ?, ?, 'c', ?)",
                    (step, case, at),
                )
            elif kind == "note":
                cur = db.execute(
                    "INSERT INTO notes (meeting_id, kind, step_index, text, created_at)"
                    " VALUES (1, 'decision', ?, 'n', ?)",
                    (step, at),
                )
                note_case[cur.lastrowid] = case
            else:
                db.execute("INSERT OR REPLACE INTO skipped_steps VALUES (1, ?, ?)", (SAMVERKAN, at))
                skip_case = case
            if kind in ("turn", "action", "card") and step == SAMVERKAN:
                material.add(case)
    db.execute("UPDATE meetings SET step_index = ?, repetition = ?", (CASEKARTA, len(cases)))
    db.commit()
    db.close()
    store = Store.open(path)
    try:
        assert {n.id: n.repetition for n in store.notes(1)} == note_case
        skipped = store.skipped_steps(1)
        # Never a case skipped where it wrote something; a case that wrote nothing there
        # keeps its own skip; one made in a case that wrote there goes to a case that did not,
        # and is gone only when every case wrote there.
        assert not {r for _, r in skipped} & material
        if skip_case is not None and skip_case not in material:
            assert skipped == {(SAMVERKAN, skip_case)}
        elif skip_case is not None:
            empty = set(range(1, len(cases) + 1)) - material
            assert len(skipped) == (1 if empty else 0)
            assert {r for _, r in skipped} <= empty
        else:
            assert skipped == set()
    finally:
        store.close()
