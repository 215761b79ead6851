"""Any sequence of turns, skips, next cases (named or not), step moves and reopenings of
Träff 4 (its block of three steps done for up to four cases): every turn is filed under the
case it was typed in; a skip recorded for a case holds for that case only; each case lists
its own turns; case names survive a reopen. The expected case is kept by a model of its
own, not read from the engine."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from conftest import SETS
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from meeting_helpers import new_meeting

from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.store import Store

PEOPLE = [("Ada", "skola"), ("Per", "socialtjanst")]
TEXT = (SETS / "samtidigt-traff-4.toml").read_text(encoding="utf-8")
# Four cases rather than two: more of the block's times through in a short walk.
FOUR = TEXT.replace("repeat = { min = 1, max = 2 }", "repeat = { min = 1, max = 4 }", 1)
BLOCK = range(3, 6)  # casekarta, handlingsplan, samverkanskarta
OPTIONAL = (2, 5)  # urval (outside the block), samverkanskarta (in it)
NAMES = st.sampled_from(["", "Flicka 14", "Pojke 9, frånvaro", "Pojke 12"])


class CaseWalk(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        assert FOUR != TEXT
        self.dir = tempfile.TemporaryDirectory()
        self.store = Store.open(Path(self.dir.name) / "db.sqlite3")
        self.clock = FakeClock(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
        self.m = new_meeting(self.store, "samtidigt-traff-4", PEOPLE, clock=self.clock, text=FOUR)
        self.m.start()
        # The model: where the scribe is, and what was written where.
        self.step, self.case = 0, 1
        self.turns: list[tuple[int, int, str]] = []  # (step, case, text), in order
        self.skips: set[tuple[int, int]] = set()
        self.names: dict[tuple[int, int], str] = {}
        self.said = 0

    def teardown(self):
        self.m.close()
        self.store.close()
        self.dir.cleanup()

    # -- the model's own idea of where a move lands ------------------------------------

    def _latest_case(self) -> int:
        """The block's latest case that has anything: a turn, a name, a skip."""
        cases = [c for s, c, _t in self.turns if s in BLOCK]
        cases += [c for _b, c in self.names] + [c for s, c in self.skips if s in BLOCK]
        return max(cases, default=1)

    def _arrive(self, step: int) -> None:
        if step not in BLOCK:
            self.case = 1
        elif self.step not in BLOCK:
            self.case = self._latest_case()
        self.step = step

    # -- what the scribe does ----------------------------------------------------------

    @rule()
    def submit(self):
        self.said += 1
        text = f"sagt {self.said}"
        self.m.submit(text)
        self.turns.append((self.step, self.case, text))

    @precondition(lambda self: self.step in OPTIONAL)
    @rule()
    def skip(self):
        key = (self.step, self.case)
        skipping = self.m.skip_step()
        assert skipping == (key not in self.skips)
        if skipping:
            self.skips.add(key)
            if self.step == BLOCK[-1] and self.case < self._latest_case():
                self.step, self.case = BLOCK[0], self.case + 1  # on into the next case
            else:
                self._arrive(self.step + 1)
        else:
            self.skips.discard(key)

    @rule(name=NAMES)
    def next_case(self, name):
        moved = self.m.repeat_block(name)
        assert moved == (self.step in BLOCK and self.case < 4)
        if moved:
            self.step, self.case = BLOCK[0], self.case + 1
            if name:
                self.names[(0, self.case)] = name

    @precondition(lambda self: self.step in BLOCK)
    @rule(name=NAMES)
    def name_case(self, name):
        self.m.cases.name_case(name)
        if name:
            self.names[(0, self.case)] = name
        else:
            self.names.pop((0, self.case), None)

    @rule(step=st.integers(0, 6))
    def goto(self, step):
        self.m.goto_step(step)
        self._arrive(step)

    @rule()
    def prev(self):
        if self.m.prev_step():
            if self.step == BLOCK[0] and self.case > 1:  # back into the case before, at its end
                self.step, self.case = BLOCK[-1], self.case - 1
            else:
                self._arrive(self.step - 1)

    @rule()
    def reopen(self):
        self.m.close()
        self.m = MeetingEngine.open(self.store, self.m.id, self.clock)
        self.m.start()

    # -- what must always hold ----------------------------------------------------------

    @invariant()
    def the_scribe_is_where_the_model_says(self):
        assert (self.m.step_index, self.m.pos.repetition) == (self.step, self.case)

    @invariant()
    def every_turn_is_filed_under_the_case_it_was_typed_in(self):
        got = [(t.step, t.repetition, t.text) for t in self.store.turns(self.m.id)]
        assert sorted(got) == sorted(self.turns)

    @invariant()
    def each_case_lists_its_own_turns(self):
        shown = [t.text for t in self.m.turns.in_step()]
        here = [t for s, c, t in self.turns if s == self.step and (c == self.case)]
        assert shown == here

    @invariant()
    def a_skip_holds_for_its_case_only(self):
        assert self.m.skipped == self.skips == self.store.skipped_steps(self.m.id)
        if self.step in BLOCK:
            ahead = self.m.timing.skipped_ahead()
            assert (5 in ahead) == ((5, self.case) in self.skips)

    @invariant()
    def the_names_are_kept(self):
        stored = {k: c.name for k, c in self.store.case_names(self.m.id).items()}
        assert stored == self.names
        assert {k: c.name for k, c in self.m.cases.names.items()} == self.names


CaseWalk.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, derandomize=True, deadline=None
)
test_case_walk = CaseWalk.TestCase
