"""Every case of a repeated block is reachable: ctrl+b/ctrl+n walk back and forth through the
cases, the go-to list lists a block's steps per case, and entering the block lands in the
latest case whatever was written in it; an alternative step is kept once anything is
written at it, and alternatives inside a block are refused when the set is loaded."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from case_meeting import PEOPLE, traff_4_with_zones
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from meeting_helpers import new_meeting

from dialogtui.errors import MeetingError, QuestionSetError
from dialogtui.kinds import choice, needs, scale
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
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


# -- an alternative is kept once anything is written at it ------------------------------------

ALT = """\
id = "t"
title = "T"
language = "sv"
method = "M"
[source]
document = "d"
[[alternatives]]
steps = ["a", "b"]
"""


def alt_set(kind: str, blocks: str = "") -> str:
    def step(i: str) -> str:
        text = f'[[steps]]\nid = "{i}"\ntitle = "{i.upper()}"\nkind = "{kind}"\n'
        if kind == "scale":
            text += (
                "[steps.scale]\npoints = [\n"
                '  { value = 1, zone = "Låg", description = "Låg." },\n'
                '  { value = 2, zone = "Hög", description = "Hög." },\n]\n'
            )
        if kind == "needs":
            text += 'text = "Vad behöver ni?"\n'
        if kind == "choice":
            text += (
                '[[steps.questions]]\ntext = "Hur?"\n[steps.choice]\nratings = ["now"]\n'
                'options = [{ id = "x", label = "X" }, { id = "y", label = "Y" }]\n'
            )
        return text

    return ALT + blocks + step("a") + step("b") + step("c")


ALT_WRITES: dict[str, tuple[str, Callable[[MeetingEngine], object]]] = {
    "decision (f4)": ("discussion", lambda m: m.notes.add(NoteKind.decision, "Beslut")),
    "concern (f5)": ("discussion", lambda m: m.notes.add(NoteKind.concern, "Oro")),
    "action (f3)": ("discussion", lambda m: m.actions.add(ActionItem("Ring"))),
    "need": ("needs", lambda m: needs.add(m.kind_context(), "Skola", "Socialtjänst", "Svar")),
    "rating": ("scale", lambda m: scale.rate(m.kind_context(), m.participants[0].id, 2)),
    "mark": ("choice", lambda m: choice.mark(m.kind_context(), "x", "now")),
}


@pytest.mark.parametrize("what", sorted(ALT_WRITES))
def test_another_alternative_is_refused_once_anything_is_written_at_this_one(store, what):
    kind, write = ALT_WRITES[what]
    m = new_meeting(store, "t", [("Ada", None), ("Bo", None)], text=alt_set(kind))
    m.start()
    assert m.step_index == 0
    write(m)
    with pytest.raises(MeetingError, match="written at the alternative 'A' already"):
        m.choose_step_alternative()
    assert m.alternatives.runs(0) and not m.alternatives.runs(1)
    with pytest.raises(MeetingError):  # nor by going to the other one
        m.goto_step(1)
    assert m.step_index == 0


def test_the_refusal_says_what_is_there(store):
    m = new_meeting(store, "t", [("Ada", None)], text=alt_set("discussion"))
    m.start()
    m.notes.add(NoteKind.decision, "Beslut")
    m.actions.add(ActionItem("Ring"))
    with pytest.raises(MeetingError, match=r"\(notes, actions\)"):
        m.choose_step_alternative()


def test_with_nothing_written_another_alternative_is_run(store):
    m = new_meeting(store, "t", [("Ada", None)], text=alt_set("discussion"))
    m.start()
    assert m.choose_step_alternative() == 1
    assert m.alternatives.passed_over() == {0}


@pytest.mark.parametrize("steps", ['["a", "b", "c"]', '["b", "c"]', '["a", "b"]'])
def test_alternatives_inside_a_block_are_refused_where_written(steps):
    blocks = f"[[blocks]]\nsteps = {steps}\nrepeat = {{ min = 1, max = 2 }}\n"
    with pytest.raises(QuestionSetError) as info:
        parse_question_set(alt_set("discussion", blocks), "t.toml")
    found = [str(p) for p in info.value.problems]
    # file:line:col at the group's `steps`, saying why
    assert any(
        p.startswith("t.toml:8:1: ")
        and "a block (blocks[1]) takes in the alternative" in p
        and "once per case" in p
        for p in found
    ), found


# -- every case is reachable --------------------------------------------------------------------

BLOCK = """\
id = "t"
title = "T"
language = "sv"
method = "M"
[source]
document = "d"
[[blocks]]
steps = ["b", "c"]
repeat = { min = 1, max = 4 }
each = "Case"
""" + "".join(
    f'[[steps]]\nid = "{i}"\ntitle = "{i.upper()}"\nkind = "discussion"\n' for i in "abcd"
)


def case_meeting(store) -> MeetingEngine:
    m = new_meeting(store, "t", [("Ada", None)], text=BLOCK)
    m.start()
    return m


def where(m: MeetingEngine) -> tuple[int, int]:
    return m.step_index, m.pos.repetition


def test_ctrl_b_walks_back_through_every_case_and_ctrl_n_forward_again(store):
    m = case_meeting(store)
    m.goto_step(1)
    m.submit("case 1")
    assert m.repeat_block() and m.repeat_block()  # case 3
    m.submit("case 3")
    assert where(m) == (1, 3)
    assert m.prev_step() and where(m) == (2, 2)  # case 2's last step
    assert m.prev_step() and where(m) == (1, 2)
    assert m.prev_step() and where(m) == (2, 1)  # case 1's last step
    assert m.prev_step() and where(m) == (1, 1)
    assert m.prev_step() and where(m) == (0, 1)  # out of the block
    m.goto_step(1, repetition=1)
    assert m.next_step() and where(m) == (2, 1)
    assert m.next_step() and where(m) == (1, 2)  # case 2's first step
    assert m.next_step() and m.next_step() and where(m) == (1, 3)
    assert m.next_step() and m.next_step() and where(m) == (3, 1)  # after the last case
    assert m.prev_step() and where(m) == (2, 3)  # back into the block: its latest case


def test_the_go_to_list_lists_the_blocks_steps_per_case(store):
    m = case_meeting(store)
    m.goto_step(1)
    m.submit("case 1")
    assert m.repeat_block()
    m.cases.name_case("Pojke 9")
    m.goto_step(3)
    assert m.cases.places(m.alternatives.runs) == [
        (0, None),
        (1, 1),
        (2, 1),
        (1, 2),
        (2, 2),
        (3, None),
    ]
    assert m.cases.place() == (3, None)
    assert m.cases.label(1, 1) == "Case 1"
    assert m.cases.label(2, 2) == "Case 2: Pojke 9"
    m.goto_step(1, 1)
    assert m.cases.place() == (1, 1)
    m.submit("rättat i case 1")
    assert [(t.text, t.repetition) for t in m.turns.in_step()] == [
        ("case 1", 1),
        ("rättat i case 1", 1),
    ]


class CaseWalk(RuleBasedStateMachine):
    """Any sequence of moves, new cases, go-tos, turns and reopenings: every block step of
    every case with something in it is reached by ctrl+b from the end of the meeting, and
    each turn is filed in the case the meeting was in (the one the header shows)."""

    def __init__(self):
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.store = Store.open(Path(self.dir.name) / "db.sqlite3")
        self.m = case_meeting(self.store)
        self.m.goto_step(1)  # in the block's first case: new cases come sooner
        self.typed: dict[str, tuple[int, int]] = {}  # a turn's text → (step, case) typed in
        self.n = 0

    def teardown(self):
        self.m.close()
        self.store.close()
        self.dir.cleanup()

    @rule()
    def next_step(self):
        self.m.next_step()

    @rule()
    def prev_step(self):
        self.m.prev_step()

    @rule()
    def new_case(self):
        self.m.repeat_block()

    def cases(self) -> int:
        """The cases with something in them (here, only turns are written)."""
        return max((c for s, c in self.typed.values() if s in (1, 2)), default=1)

    @rule(data=st.data())
    def go_to(self, data):
        # As the go-to list offers: a block's steps in any case with something in it.
        step = data.draw(st.integers(0, 3))
        case = data.draw(st.integers(1, self.cases())) if step in (1, 2) else None
        self.m.goto_step(step, case)
        assert self.m.step_index == step and self.m.pos.repetition == (case or 1)

    @rule()
    def submit(self):
        self.n += 1
        text = f"ord{self.n}"
        current = self.m.cases.current
        self.typed[text] = (self.m.step_index, current[1] if current else 1)
        self.m.submit(text)

    @rule()
    def reopen(self):
        before = where(self.m)
        self.m.close()
        self.m = MeetingEngine.open(self.store, self.m.id, self.m.clock)
        self.m.start()
        assert where(self.m) == before  # resumed in the case it was left in

    @invariant()
    def every_turn_is_filed_in_its_case(self):
        turns = self.store.turns(self.m.id)
        assert {t.text: (t.step, t.repetition) for t in turns} == self.typed

    @invariant()
    def every_case_is_reached_walking_back(self):
        before = (
            where(self.m) if self.m.qs.block_at(self.m.step_index) else (self.m.step_index, None)
        )
        m = self.m
        m.goto_step(3)
        seen = set()
        while m.prev_step():
            seen.add(where(m))
        assert {(s, c) for s in (1, 2) for c in range(1, self.cases() + 1)} <= seen
        m.goto_step(before[0], before[1])


CaseWalk.TestCase.settings = settings(
    max_examples=30, stateful_step_count=15, derandomize=True, deadline=None
)
test_case_walk = CaseWalk.TestCase


def test_ctrl_g_lists_each_case_and_goes_to_case_1(tmp_path):
    from test_cases_tui import in_case_2, seeded
    from tui_helpers import run, screen_text, until

    from dialogtui.tui.dialogs.pick import JumpDialog
    from dialogtui.tui.screens.capture import CaptureScreen

    db = tmp_path / "db"
    mid = seeded(db, in_case_2)

    async def scenario(app, pilot):
        engine = app.screen.engine
        await until(pilot, lambda: engine.pos.repetition == 2)
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, JumpDialog))
        lines = app.screen.lines
        assert any(line.startswith("4. Casekarta") and "Case 1: Pojke 9" in line for line in lines)
        assert any(
            line.startswith("4. Casekarta") and "Case 2: Flicka 14" in line for line in lines
        )
        assert "Case 2: Flicka 14" in screen_text(app)
        # The one highlighted is where the meeting is: case 2's case map.
        assert "Case 2: Flicka 14" in lines[app.screen.current]
        target = next(n for n, line in enumerate(lines) if "Case 1" in line)
        await pilot.press(*["up"] * (app.screen.current - target), "enter")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, lambda: engine.pos.repetition == 1)
        assert engine.step.id == "casekarta"
        await until(pilot, lambda: "Pojken bor med mamma" in screen_text(app))

    run(scenario, db=db, meeting_id=mid)
