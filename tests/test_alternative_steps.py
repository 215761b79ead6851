"""Step-level alternatives (`[[alternatives]]`): one of a group of steps is run, the scribe
choosing which; the others are passed over by every move, the timers and the documents
(Hva-planlegging's two variants of the future story, one per kind of team)."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
from conftest import SETS
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from meeting_helpers import new_meeting

from dialogtui.errors import MeetingError, QuestionSetError
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.shapes import pairs_of
from dialogtui.store import Store

PEOPLE = [("Kari", None), ("Ola", None), ("Liv", None), ("Per", None)]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def index(m, step_id: str) -> int:
    found = m.qs.index_of(step_id)
    assert found is not None
    return found


# -- the format -------------------------------------------------------------------------------

BASE = """\
id = "t"
title = "T"
language = "sv"
method = "M"
[source]
document = "d"
"""


def steps(*ids: str) -> str:
    return "".join(
        f'[[steps]]\nid = "{i}"\ntitle = "{i.upper()}"\nkind = "discussion"\n' for i in ids
    )


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionSetError) as info:
        parse_question_set(text, "t.toml")
    return [str(p) for p in info.value.problems]


def test_hva_planlegging_runs_one_of_its_two_future_stories():
    qs = parse_question_set((SETS / "hva-planlegging.toml").read_text(encoding="utf-8"), "hva")
    assert [a.steps for a in qs.alternatives] == [["hva-planlegging", "brukerkonferanse"]]
    assert qs.alternatives[0].ours  # that one of them is used is the set's reading
    # Neither is optional any more: the slide title was never a condition.
    assert all(qs.steps[i].optional is None for i in qs.alternative_steps(0))


@pytest.mark.parametrize(
    ("alternatives", "blocks", "where", "said"),
    [
        ('steps = ["a", "x"]', "", "8:15", "no step with id 'x' (steps: a, b, c)"),
        ('steps = ["a", "a"]', "", "8:15", "'a' is named twice"),
        ('steps = ["a", "c"]', "", "8:1", "next to each other in the set; 'b' stands between them"),
        ('steps = ["a"]', "", "8:1", "list should have at least 2 items, not 1"),
        (
            'steps = ["a", "b"]\n[[alternatives]]\nsteps = ["b", "c"]',
            "",
            "10:10",
            "'b' is an alternative in group 1 already",
        ),
        (
            'steps = ["b", "c"]',
            '[[blocks]]\nsteps = ["a", "b"]\nrepeat = { min = 1, max = 2 }\n',
            "8:1",
            "a block (blocks[1]) takes in the alternative 'b'",
        ),
    ],
)
def test_a_group_of_alternatives_is_checked_and_the_error_says_what_and_where(
    alternatives, blocks, where, said
):
    # file:line:col, at the group's `steps` (or at the step id named in it)
    text = BASE + f"[[alternatives]]\n{alternatives}\n" + blocks + steps("a", "b", "c")
    found = problems(text)
    assert any(p.startswith(f"t.toml:{where}: ") and said in p for p in found), found


def test_the_planned_time_counts_the_longest_alternative_once():
    text = BASE + '[[alternatives]]\nsteps = ["b", "c"]\n' + steps("a", "b", "c")
    text = text.replace('title = "A"', 'title = "A"\nminutes = 10')
    text = text.replace('title = "B"', 'title = "B"\nminutes = 20')
    text = text.replace('title = "C"', 'title = "C"\nminutes = 30')
    assert parse_question_set(text, "t.toml").planned_minutes == 40


# -- the meeting ------------------------------------------------------------------------------


def test_next_and_previous_pass_over_the_alternative_not_chosen(store):
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.start()
    first, other = index(m, "hva-planlegging"), index(m, "brukerkonferanse")
    assert m.next_step() and m.step_index == first  # the first is run unless chosen
    assert m.alternatives.at(first) == (1, 2)
    assert m.next_step() and m.step_index == index(m, "prosedyre")  # the other passed over
    assert m.prev_step() and m.step_index == first
    assert m.choose_step_alternative() == other  # ctrl+e: the other is run instead
    assert m.step_index == other and m.alternatives.at(other) == (2, 2)
    assert m.prev_step() and m.step_index == index(m, "godt-nytt")
    assert m.next_step() and m.step_index == other
    assert m.alternatives.passed_over() == {first}
    m.close()
    again = MeetingEngine.open(store, m.id, m.clock)  # the choice is kept
    assert again.alternatives.passed_over() == {first}
    again.close()


def test_another_alternative_is_refused_once_something_is_written_at_this_one(store):
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.start()
    m.goto_step(index(m, "hva-planlegging"))
    m.submit("Planen er et levende dokument")
    with pytest.raises(MeetingError, match="written at the alternative 'Hva planlegging i en"):
        m.choose_step_alternative()
    m.goto_step(index(m, "godt-nytt"))
    with pytest.raises(MeetingError, match="no alternative"):
        m.choose_step_alternative()


def test_the_minutes_hold_only_the_alternative_run_never_as_skipped(store):
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.start()
    m.goto_step(index(m, "hva-planlegging"))
    m.choose_step_alternative()  # the brukerkonferanse team's
    m.submit("Et normalt liv for alle")
    minutes = render_minutes(load_record(store, m.id))
    assert "Hva planlegging i et team som har ansvar for å gjennomføre brukerkonferanse" in minutes
    assert "i en arbeidsgruppe som har ansvar for å lage" not in minutes
    assert "Hoppet over" not in minutes and "hoppet over" not in minutes


def test_the_projection_counts_only_the_alternative_run(store):
    text = BASE + '[[alternatives]]\nsteps = ["b", "c"]\n' + steps("a", "b", "c")
    for name, minutes in (("A", 10), ("B", 20), ("C", 30)):
        text = text.replace(f'title = "{name}"', f'title = "{name}"\nminutes = {minutes}')
    m = new_meeting(store, "t", [("Ada", None)], text=text)
    m.start()
    began = m.clock.now()
    # a (10) and b (20), the alternative run; c (30) passed over: not 60 minutes ahead.
    assert m.timing.projection().projected_end == began + dt.timedelta(minutes=30)
    m.goto_step(2)  # c run instead: a and c
    m.goto_step(0)
    assert m.timing.projection().projected_end == began + dt.timedelta(minutes=40)


def test_the_capture_screen_says_which_alternative_and_runs_another_with_ctrl_e(tmp_path):
    from tui_helpers import run, text_of, until

    from dialogtui.tui.dialogs.pick import JumpDialog

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.goto_step(index(m, "hva-planlegging"))
    first, other = m.step_index, index(m, "brukerkonferanse")
    m.close()
    store.close()

    async def scenario(app, pilot):
        screen = app.screen
        engine = screen.engine
        header = lambda: text_of(screen.query_one("#step-header"))  # noqa: E731
        assert "alternative 1 of 2; ctrl+e: another" in header()
        await pilot.press("ctrl+e")
        await until(pilot, lambda: engine.step_index == other)
        assert "alternative 2 of 2" in header()
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, JumpDialog))
        listed = "\n".join(app.screen.lines)
        assert "et team som har ansvar" in listed and "i en arbeidsgruppe" not in listed
        await pilot.press("escape")
        await pilot.press("ctrl+b")  # back past the one not run, to Godt nytt
        await until(pilot, lambda: engine.step_index == first - 1)
        assert "alternative" not in header()

    run(scenario, db=db, meeting_id=m.id)


# -- generated walks --------------------------------------------------------------------------


class AlternativesWalk(RuleBasedStateMachine):
    """Any sequence of moves, choices, turns and reopenings: every turn stands at the step
    it was typed at, that step is run, and the minutes never show a step passed over."""

    def __init__(self):
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.store = Store.open(Path(self.dir.name) / "db.sqlite3")
        self.clock = FakeClock(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
        self.m = new_meeting(self.store, "hva-planlegging", PEOPLE, clock=self.clock)
        self.m.start()
        self.typed: dict[str, int] = {}  # a turn's text → the step it was typed at
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

    @rule(to=st.integers(0, 9))
    def goto(self, to):
        try:
            self.m.goto_step(to)  # an alternative not chosen: chosen, unless refused
        except MeetingError:
            assert not self.m.alternatives.runs(to)

    @precondition(lambda self: self.m.qs.alternatives_of(self.m.step_index) is not None)
    @rule(delta=st.sampled_from([1, -1]))
    def choose(self, delta):
        try:
            self.m.choose_step_alternative(delta)
        except MeetingError:
            assert self.m.turns.count() > 0  # refused only where something is written

    @rule()
    def submit(self):
        self.n += 1
        text = f"ord{self.n}"
        self.typed[text] = self.m.step_index
        self.clock.advance(5)
        self.m.submit(text)

    @rule()
    def reopen(self):
        self.m.close()
        self.m = MeetingEngine.open(self.store, self.m.id, self.clock)
        self.m.start()

    @invariant()
    def the_step_shown_is_run(self):
        assert self.m.alternatives.runs(self.m.step_index)

    @invariant()
    def every_turn_is_filed_at_its_step_which_is_run(self):
        turns = self.store.turns(self.m.id)
        assert {t.text: t.step for t in turns} == self.typed
        assert all(self.m.alternatives.runs(t.step) for t in turns)

    @rule()
    def export(self):
        minutes = render_minutes(load_record(self.store, self.m.id))
        for i in self.m.alternatives.passed_over():
            assert self.m.qs.steps[i].title not in minutes
            assert not re.search(rf"^## {i + 1}\. ", minutes, re.M)


AlternativesWalk.TestCase.settings = settings(
    max_examples=20, stateful_step_count=15, derandomize=True, deadline=None
)
test_alternatives_walk = AlternativesWalk.TestCase


def test_the_capture_screen_says_which_groups_meet(tmp_path):
    from tui_helpers import run, text_of

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.goto_step(index(m, "mulighetsanalyse"))  # two groups formed
    m.groups.add("Gruppe 3")
    m.goto_step(index(m, "presentasjon"))
    m.close()
    store.close()

    async def scenario(app, pilot):
        panel = text_of(app.screen.query_one("#question"))
        assert "two by two, side by side: Gruppe 1 + Gruppe 2 + Gruppe 3." in " ".join(
            panel.split()
        )

    run(scenario, db=db, meeting_id=m.id)


def test_show_says_which_steps_are_alternatives_who_answers_and_how_pairs_meet(cli):
    hva = " ".join(cli("show", "hva-planlegging", "--date", "2026-01-15").out.split())
    assert "Steps 2 and 3 are alternatives: the meeting runs one of them" in hva
    assert "Optional:" not in hva  # the slide titles are no conditions
    assert "the groups of step 6 meet two by two, the pairs side by side" in hva
    assert "a pair of groups meets for 14–16 min, the pairs side by side" in hva
    traff_4 = " ".join(cli("show", "samtidigt-traff-4", "--date", "2026-01-15").out.split())
    assert "nätverk. (one person answers it, given the floor by the scribe" in traff_4
    assert "förvånade? (the room together, not one by one)" in traff_4


def test_the_end_screen_times_only_the_alternative_run(store):
    from rich.console import Console

    from dialogtui.tui.screens.end import summary

    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.start()
    m.goto_step(index(m, "brukerkonferanse"))  # run instead of the first
    console = Console(width=120, file=io.StringIO(), record=True, color_system=None)
    console.print(summary(m))
    shown = console.export_text()
    assert "3. Hva planlegging i et team" in shown
    assert "i en arbeidsgruppe" not in shown


@pytest.mark.parametrize(
    ("presenting", "where", "said"),
    [
        ('groups = { by = "number", count = 4, meet = "pairs" }', "16:1", 'by = "step" only'),
        (
            'form = "groups"\ngroups = { by = "step", step = "a", meet = "pairs" }',
            "17:37",
            "not a step worked in pairs or groups itself",
        ),
        (
            'groups = { by = "step", step = "a", meet = "pairs" }\n'
            'timebox = { per = "person", minutes = 7 }',
            "17:13",
            'take their time per group: `per = "group"`',
        ),
    ],
)
def test_groups_meeting_in_pairs_are_checked(presenting, where, said):
    text = BASE + '[[steps]]\nid = "a"\ntitle = "A"\nkind = "group_work"\nform = "groups"\n'
    text += f'[[steps]]\nid = "b"\ntitle = "B"\nkind = "presentation"\n{presenting}\n'
    found = problems(text)
    assert any(p.startswith(f"t.toml:{where}: ") and said in p for p in found), found


@settings(max_examples=30, derandomize=True)
@given(st.integers(0, 12))
def test_groups_meet_two_by_two_an_odd_one_joining_the_last_pair(n):
    groups = [f"Gruppe {k + 1}" for k in range(n)]
    pairs = pairs_of(groups)
    assert [g for pair in pairs for g in pair] == groups  # each once, in the order formed
    sizes = [len(pair) for pair in pairs]
    if n > 1:  # nobody meets alone: pairs, and one three where the count is odd
        assert sizes == [2] * (n // 2 - 1) + [2 + n % 2]
    else:
        assert sizes == [n] * n
