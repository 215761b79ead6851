"""Every case of a repeated block is reachable: ctrl+b/ctrl+n walk back and forth through the
cases, the go-to list lists a block's steps per case, and entering the block lands in the
latest case whatever was written in it; an alternative step is kept once anything is
written at it, and alternatives inside a block are refused when the set is loaded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from case_meeting import PEOPLE, traff_4_with_zones
from meeting_helpers import new_meeting

from dialogtui.kinds import choice, needs, scale
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, NoteKind
from dialogtui.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def at(m: MeetingEngine, step_id: str) -> int:
    found = m.qs.index_of(step_id)
    assert found is not None
    return found


# -- the latest case counts every kind of case material ----------------------------------------

WRITES: dict[str, tuple[str, Callable[[MeetingEngine], object]]] = {
    "action": ("handlingsplan", lambda m: m.actions.add(ActionItem("Hembesök"))),
    "note": ("casekarta", lambda m: m.notes.add(NoteKind.decision, "Beslut")),
    "need": (
        "samverkanskarta",
        lambda m: needs.add(m.kind_context(), "Socialtjänsten", "Karis skola", "Återkoppling"),
    ),
    "rating": ("oro", lambda m: scale.rate(m.kind_context(), m.participants[0].id, 2)),
    "mark": ("samarbete", lambda m: choice.mark(m.kind_context(), "lag", "now")),
    "consent": ("casekarta", lambda m: m.consent.record_case(2, "muntligt")),
}


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_a_case_holding_only_one_kind_of_thing_is_the_latest(store, kind):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, text=traff_4_with_zones())
    m.start()
    m.goto_step(at(m, "casekarta"))
    m.submit("Case 1 har ordet.")
    assert m.repeat_block()  # case 2, unnamed: nothing of it kept yet
    step, write = WRITES[kind]
    m.goto_step(at(m, step))
    assert m.pos.repetition == 2
    write(m)
    m.goto_step(at(m, "avslutning"))
    m.goto_step(at(m, "casekarta"))  # into the block from outside: its latest case
    assert m.pos.repetition == 2
    m.close()
    again = MeetingEngine.open(store, m.id, m.clock)
    again.goto_step(at(again, "avslutning"))
    again.goto_step(at(again, "casekarta"))
    assert again.pos.repetition == 2
    again.close()
