"""A question asked of one (`asked = "one"`: "Först berättar den som känner barnet …") and a
question of the room (`asked = "plenary"`: the shared reflection), inside a round over
organisations (Träff 4's casekarta, Träff 2 and 4's collaboration map)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from meeting_helpers import new_meeting

from dialogtui.errors import QuestionSetError
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import read_state, state_of
from dialogtui.questionset.loader import parse_question_set
from dialogtui.store import Store

# Three organisations, Skola with two people: any of them speaks for it.
PEOPLE = [("Anna", "skola"), ("Cia", "socialtjanst"), ("Bo", "skola"), ("Kim", None, "BUP")]
BRIEFING = "Först berättar den som känner barnet"


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def at(m, step_id: str) -> None:
    found = m.qs.index_of(step_id)
    assert found is not None
    m.goto_step(found)


def test_the_one_who_knows_the_child_briefs_once_then_the_key_question_goes_round(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    at(m, "casekarta")
    assert m.question is not None and m.question.text.startswith(BRIEFING)
    assert m.floor == "Skola"  # the first asked, until the scribe gives it to another
    cia = next(p.id for p in m.participants if p.name == "Cia")
    m.set_speaker(cia)  # f6: Cia knows the child
    m.submit("Pojken bor med mamma och två syskon, stor frånvaro.")
    # Briefed once: the round goes on with the key question, over every organisation.
    assert m.pos.question == 1 and m.floor == "Skola"
    for org in ("Skola", "Socialtjänst", "BUP"):
        assert m.floor == org
        m.submit(f"{org} stödjer barnet.")
        if org != "BUP":
            m.cycle_speaker()  # an organisation keeps the floor for its people; tab passes it
    assert m.round_complete
    minutes = render_minutes(load_record(store, m.id))
    section = minutes[minutes.index("Casekarta") :]
    briefing = section[section.index(BRIEFING) : section.index("Hur kan ni stödja barnet?")]
    assert briefing.count("Pojken bor med mamma") == 1
    assert "Cia" in briefing and "Anna" not in briefing and "Kim" not in briefing


def test_one_who_passes_the_briefing_hands_it_on(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    at(m, "casekarta")
    m.pass_turn()  # Skola does not know the child
    assert m.pos.question == 0 and m.floor == "Socialtjänst"
    m.submit("Familjen har kontakt med oss sedan i våras.")
    assert m.pos.question == 1
    assert m.round_marks() == {}  # on the key question nobody has answered yet


def test_the_reflection_is_the_rooms_not_asked_of_each(store):
    m = new_meeting(store, "samtidigt-traff-2", PEOPLE)
    m.start()
    at(m, "behov")
    questions = [q.text for q in m.step.questions]
    assert questions == [
        "Vad behöver du/ni av de andra aktörerna för att kunna hjälpa barnet?",
        "Var det något som förvånade?",
    ]  # the answering is how the needs go (the step's note), not a question read aloud
    assert m.step.note is not None and "I tur och ordning" in m.step.note
    for _org in ("Skola", "Socialtjänst", "BUP"):
        m.submit("Vi behöver …")
        m.cycle_speaker()
    m.goto_question(1)
    assert m.pos.question == 1 and m.speaker is None and m.speakers() == []
    m.submit("Vi visste inte hur mycket BUP redan gör.")
    m.submit("Skolan är med i allt.")
    assert m.pos.question == 1 and m.speaker is None  # the room goes on until alt+↓
    assert m.round_complete
    # What another reader of the store sees (the app's status line): the same.
    assert read_state(store, m.id, m.qs) == state_of(m).shared()
    minutes = render_minutes(load_record(store, m.id))
    reflection = minutes[minutes.index("**Var det något som förvånade?**") :]
    assert "- Vi visste inte hur mycket BUP redan gör." in reflection  # no name: the room's
    assert "Gruppen" not in reflection.split("##")[0]


def test_the_room_may_pass_when_nothing_came_up(store):
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    m.start()
    at(m, "samverkanskarta")
    m.goto_question(1)
    m.pass_turn()  # nothing came up: as any pass, the round goes on, to the needs not put
    assert m.pos.question == 0 and m.floor == "Skola"
    assert [(t.participant_id, t.question, t.passed) for t in m.turns.in_step()] == [
        (None, 1, True)
    ]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ('kind = "discussion"', "this step is not a round"),
        ('order = "each_person"', 'not with order = "each_person"'),
        ("all-one", "cannot all be asked of one person or of the room"),
    ],
)
def test_asked_is_checked_against_the_step(change, said):
    text = (
        'id = "t"\ntitle = "T"\nlanguage = "sv"\nmethod = "M"\n[source]\ndocument = "d"\n'
        '[[steps]]\ntitle = "S"\nkind = "round"\n'
        '[[steps.questions]]\ntext = "Q1"\nasked = "one"\n'
        '[[steps.questions]]\ntext = "Q2"\n'
    )
    if change == "all-one":
        text = text.replace('text = "Q2"\n', 'text = "Q2"\nasked = "plenary"\n')
    else:
        text = text.replace('kind = "round"\n', ('kind = "round"\n' + change + "\n"))
        text = text.replace('kind = "round"\nkind = "discussion"', 'kind = "discussion"')
    with pytest.raises(QuestionSetError) as info:
        parse_question_set(text, "t.toml")
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith("t.toml:7:1") and said in p for p in found), found


# -- generated walks --------------------------------------------------------------------------


class BriefingWalk(RuleBasedStateMachine):
    """Any sequence of turns, passes, tabs, f6 choices and question moves at Träff 4's
    casekarta: every turn is filed under the question and person the floor was on when it
    was typed; the round's own moves never give the briefing, once given, again; the
    round is complete exactly when the briefing and every organisation's answer are in."""

    def __init__(self):
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.store = Store.open(Path(self.dir.name) / "db.sqlite3")
        self.clock = FakeClock(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
        self.m = new_meeting(self.store, "samtidigt-traff-4", PEOPLE, clock=self.clock)
        self.m.start()
        at(self.m, "casekarta")
        self.typed: list[tuple[int, int | None, bool]] = []  # (question, speaker, passed)
        self.asked_back = False  # the scribe went back to the briefing with alt+↑

    def teardown(self):
        self.m.close()
        self.store.close()
        self.dir.cleanup()

    def briefed(self) -> bool:
        return any(q == 0 and not passed for q, _pid, passed in self.typed)

    def _turn(self, passed: bool) -> None:
        before = (self.m.pos.question, self.m.pos.speaker_id)
        if passed:
            if before[1] is None:
                return
            self.m.pass_turn()
        else:
            self.m.submit("sagt")
        self.typed.append((*before, passed))
        if self.briefed() and not self.asked_back:
            assert self.m.pos.question != 0  # the round never goes back to the briefing

    @rule()
    def submit(self):
        self._turn(passed=False)

    @rule()
    def pass_turn(self):
        self._turn(passed=True)

    @rule(delta=st.sampled_from([1, -1]))
    def tab(self, delta):
        self.m.cycle_speaker(delta)

    @rule(n=st.integers(0, 3))
    def choose(self, n):
        self.m.set_speaker(self.m.participants[n].id)

    @rule(q=st.integers(0, 1))
    def question(self, q):
        self.asked_back = self.asked_back or q == 0
        self.m.goto_question(q)

    @rule()
    def reopen(self):
        self.m.close()
        self.m = MeetingEngine.open(self.store, self.m.id, self.clock)
        self.m.start()

    @invariant()
    def every_turn_is_filed_where_the_floor_was(self):
        turns = self.store.turns(self.m.id)
        got = [(t.question, t.participant_id, t.passed) for t in turns]
        assert got == self.typed

    @invariant()
    def complete_when_briefed_and_every_organisation_answered(self):
        orgs = {p.id: self.m.organisation(p) for p in self.m.participants}
        answered = {orgs[pid] for q, pid, _passed in self.typed if q == 1 and pid in orgs}
        whole = (
            self.briefed()
            or all(q != 0 or passed for q, _pid, passed in self.typed)
            and {orgs[pid] for q, pid, _p in self.typed if q == 0 and pid in orgs}
            == set(orgs.values())
        )
        assert self.m.round_complete == (whole and answered == set(orgs.values()))


BriefingWalk.TestCase.settings = settings(
    max_examples=30, stateful_step_count=20, derandomize=True, deadline=None
)
test_briefing_walk = BriefingWalk.TestCase


def test_the_capture_screen_says_who_answers_the_briefing_and_the_reflection(tmp_path):
    from tui_helpers import run, text_of, until

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE)
    at(m, "casekarta")
    m.close()
    store.close()

    async def scenario(app, pilot):
        engine = app.screen.engine
        panel = lambda: " ".join(text_of(app.screen.query_one("#question")).split())  # noqa: E731
        assert "One person answers (tab or f6: who), then the round goes on." in panel()
        await pilot.press("ctrl+n", "ctrl+n")  # past the plan, to the collaboration map
        await until(pilot, lambda: engine.step.id == "samverkanskarta")
        await pilot.press("alt+down")
        await until(pilot, lambda: engine.pos.question == 1)
        assert "The room together: what is said is nobody's; alt+↓ goes on." in panel()
        assert engine.speaker is None

    run(scenario, db=db, meeting_id=m.id)
