"""A case is a child: each time through a repeated block (Träff 4's case map, its plan, its
collaboration map) has a name, chosen from the vote's cards or typed; its own turns; its
own skips. The store keeps all of it per case, and an older store opens with its skips as
the first case's."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import pytest
from meeting_helpers import new_meeting

from dialogtui.errors import MeetingError
from dialogtui.export.record import load_record
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, CaseName
from dialogtui.store import Store
from dialogtui.store.migrations import LATEST, MIGRATIONS

PEOPLE = [("Ada", "skola"), ("Per", "socialtjanst")]
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def step(m: MeetingEngine, step_id: str) -> int:
    found = m.qs.index_of(step_id)
    assert found is not None
    return found


def voted(m: MeetingEngine) -> dict[str, int]:
    """Träff 4's vote: three cards with their dots, as the scribe writes them."""
    m.goto_step(step(m, "urval"))
    ids = {}
    for text, dots in [("Flicka 14", 5), ("Pojke 9", 8), ("Pojke 12", 2)]:
        card = m.cards.add(text)
        card.votes = dots
        m.cards.save(card)
        ids[text] = card.id
    return ids


def test_a_skip_in_one_case_is_that_case_only(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    optional = step(m, "samverkanskarta")
    m.goto_step(optional)  # case 1: the collaboration map is made
    m.submit("Skolan behöver en kontaktperson")
    assert m.repeat_block(name="Flicka 14")
    m.goto_step(optional)
    assert m.pos.repetition == 2
    assert m.skip_step() is True
    assert m.skipped == {(optional, 2)}
    m.goto_step(optional, repetition=1)
    assert (optional, 1) not in m.skipped  # case 1's map stands
    m.close()
    assert store.skipped_steps(m.id) == {(optional, 2)}
    assert load_record(store, m.id).skipped == {(optional, 2)}


def test_a_step_skipped_in_one_case_still_takes_its_time_in_the_next(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    optional = step(m, "samverkanskarta")
    m.goto_step(optional)
    m.skip_step()  # case 1 leaves it out
    m.goto_step(step(m, "casekarta"))
    in_case_1 = m.timing.projection().projected_end
    m.repeat_block()  # case 2 has it ahead: its 60 minutes count again
    assert m.pos.repetition == 2
    in_case_2 = m.timing.projection().projected_end
    assert in_case_1 is not None and in_case_2 is not None
    assert (in_case_2 - in_case_1) >= dt.timedelta(minutes=59)


def test_cases_are_named_by_a_card_or_as_typed_and_the_names_survive_a_reopen(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    cards = voted(m)
    m.goto_step(step(m, "casekarta"))
    block = m.cases.current[0]
    # The vote's cards, ranked as the minutes rank them.
    assert [(rank, c.text) for rank, c in m.cases.cards()] == [
        (1, "Pojke 9"),
        (2, "Flicka 14"),
        (3, "Pojke 12"),
    ]
    m.cases.name_case("Pojke 9", cards["Pojke 9"])
    # A card chosen for a case is not offered for the next one (but is, renaming its own).
    assert [c.text for _, c in m.cases.cards(repetition=2)] == ["Flicka 14", "Pojke 12"]
    assert "Pojke 9" in [c.text for _, c in m.cases.cards(repetition=1)]
    assert m.repeat_block(name="Eget  namn\n", card_id=None)
    assert m.cases.case_name(block, 1) == "Pojke 9"
    assert m.cases.case_name(block, 2) == "Eget namn"  # one line: a heading
    m.close()
    again = MeetingEngine.open(store, m.id, FakeClock(NOW))
    assert again.cases.names == {
        (block, 1): CaseName("Pojke 9", cards["Pojke 9"]),
        (block, 2): CaseName("Eget namn", None),
    }
    again.cases.name_case("")  # the current case's name taken away
    assert again.cases.case_name(block, 2) is None
    again.close()
    record = load_record(store, m.id)
    assert record.cases == {(block, 1): "Pojke 9"}
    assert record.case_cards == {(block, 1): cards["Pojke 9"]}


def test_only_a_case_of_a_block_is_named_and_only_by_a_card_of_the_meeting(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    with pytest.raises(MeetingError, match="only a case"):
        m.cases.name_case("Flicka 14")
    m.goto_step(step(m, "casekarta"))
    with pytest.raises(MeetingError, match="no card 99"):
        m.cases.name_case("Flicka 14", 99)
    assert m.cases.names == {}


def test_a_named_case_with_nothing_said_yet_is_where_the_block_is_taken_up_again(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    m.goto_step(step(m, "casekarta"))
    m.submit("Case 1")
    m.repeat_block(name="Flicka 14")
    m.goto_step(step(m, "startrunda"))  # out of the block, and back into it
    m.goto_step(step(m, "casekarta"))
    assert m.pos.repetition == 2


def test_each_case_lists_its_own_turns(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    m.goto_step(step(m, "casekarta"))
    m.submit("Pojken bor med mamma")
    m.repeat_block(name="Flicka 14")
    assert m.turns.in_step() == [] and m.turns.count() == 0
    said = m.submit("Flickan går inte till skolan")
    assert [t.id for t in m.turns.in_step()] == [said.id] and m.turns.count() == 1
    assert said.repetition == 2
    assert len(m.turns.in_step(m.step_index)) == 2  # the step's, every case's


def test_an_action_made_in_a_case_carries_it(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    m.goto_step(step(m, "casekarta"))
    m.repeat_block(name="Flicka 14")
    made = m.actions.add(ActionItem("Fotbollsgrupp tisdagar"))
    assert made.repetition == 2 and made.step == step(m, "casekarta")


def test_the_state_says_the_cases_and_the_skips_as_a_reader_of_the_store_sees_them(store):
    from dialogtui.meeting.state import read_state, state_of

    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    m.goto_step(step(m, "casekarta"))
    m.repeat_block(name="Flicka 14")
    m.goto_step(step(m, "samverkanskarta"))
    m.skip_step()
    state = state_of(m)
    assert state.cases == ((0, 2, "Flicka 14", None),)
    assert state.skipped == {(step(m, "samverkanskarta"), 2)}
    assert read_state(store, m.id, m.qs) == state.shared()


# -- the store: the migration -------------------------------------------------------------


def old_store(path, upto: int) -> None:
    """A file at schema `upto`, as a dialogtui of that schema left it: a meeting with a
    skipped step."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for n in range(upto):
        conn.executescript(MIGRATIONS[n])
    conn.execute("INSERT INTO schema_version VALUES (?)", (upto,))
    conn.execute(
        "INSERT INTO meetings (id, set_id, set_toml, title, date, language, created_at)"
        " VALUES (1, 'x', '', 'Gammalt', '2026-01-15', 'sv', ?)",
        (NOW.isoformat(),),
    )
    conn.execute("INSERT INTO skipped_steps VALUES (1, 5, ?)", (NOW.isoformat(),))
    conn.commit()
    conn.close()


def test_an_older_store_keeps_its_skips_as_the_first_cases_and_stays_private(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_store(path, 18)
    os.chmod(path, 0o644)
    s = Store.open(path)
    try:
        assert s.schema_version == LATEST
        assert s.skipped_steps(1) == {(5, 1)}
        assert s.case_names(1) == {}
        s.name_case(1, 0, 2, "Flicka 14", None, NOW)
        s.set_skipped(1, 5, True, NOW, repetition=2)
        assert s.skipped_steps(1) == {(5, 1), (5, 2)}
    finally:
        s.close()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Store.open_reader(path)  # written durably: another connection reads it
    try:
        assert again.case_names(1) == {(0, 2): CaseName("Flicka 14", None)}
    finally:
        again.close()


def test_a_deleted_card_leaves_the_case_its_name(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    cards = voted(m)
    m.goto_step(step(m, "casekarta"))
    m.cases.name_case("Flicka 14", cards["Flicka 14"])
    m.goto_step(step(m, "urval"))
    m.cards.delete(cards["Flicka 14"])
    assert store.case_names(m.id) == {(0, 1): CaseName("Flicka 14", None)}
