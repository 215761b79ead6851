"""The round walker, over generated rounds: each rule of issue 26 stated once, as an invariant.

A scribe's keys (a turn, a pass, tab and shift+tab, f6, alt+↓, ctrl+l) are pressed over
rounds hypothesis makes up: people with and without roles, several to an organisation,
questions addressed to some roles, both orders, alternatives, groups. After every key the
invariants are checked against a model written here from the rules, not from the walker,
with the turns taken as the only evidence of who answered what. The same keys and the same
invariants run twice: over the pure walker (dialogtui.meeting.walk, many rounds, fast) and
over the engine with its store (fewer rounds), so that the engine is shown to be the
walker's thin caller.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from dialogtui.meeting import walk
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.records import MeetingInfo, Participant
from dialogtui.store import Store

ROLES = ("r1", "r2", "r3")
ROLE_NAMES = {r: f"Roll {r[1]}" for r in ROLES}
ORGS = ("Skola", "BUP", "Fritid", "")  # "": the role's name, else the person's own
ROLE = st.sampled_from((None, *ROLES))
ORDERS = ("each_question", "each_person")
ROOM = "the room"  # who answers a question of the room, in the model
OVER = ("person", "organisation", "group")


# DIALOGTUI_WALK_EXAMPLES=n walks n rounds of each kind, new ones every run.
MORE = int(os.environ.get("DIALOGTUI_WALK_EXAMPLES", "0"))


def examples(n: int):
    """A fixed seed and a bounded count: CI walks the same rounds every run."""
    return settings(
        max_examples=MORE or n,
        deadline=None,
        derandomize=not MORE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- rounds and keys, generated ------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A round and what the scribe does in it."""

    order: str  # each_question | each_person
    over: str  # person | organisation | group
    roles: tuple[str, ...]  # the step's roles
    to: tuple[tuple[str, ...], ...]  # per question, the roles it is addressed to
    alternatives: bool
    # Per question, who answers it: "all" in turn, "one" once, "plenary" the room (only in
    # a round of each question, over people or organisations, of no alternatives).
    asked: tuple[str, ...]
    groups: int
    people: tuple[tuple[str | None, str], ...]  # (role, organisation) in the order they sit
    keys: tuple[tuple, ...]


KEY = st.one_of(
    st.just(("answer",)),
    st.just(("answer",)),
    st.just(("answer",)),
    st.just(("pass",)),
    st.tuples(st.just("tab"), st.sampled_from((1, -1))),
    st.tuples(st.just("choose"), st.integers(0, 9)),
    st.tuples(st.just("ask"), st.integers(0, 3)),
    st.tuples(st.just("join"), ROLE, st.sampled_from(ORGS)),
)


@st.composite
def cases(draw, order: str, over: str) -> Case:
    n = draw(st.integers(1, 4))
    roles = st.lists(st.sampled_from(ROLES), unique=True, max_size=2).map(tuple)
    people = st.lists(st.tuples(ROLE, st.sampled_from(ORGS)), min_size=1, max_size=6)
    alternatives = n > 1 and draw(st.booleans())
    asked = ["all"] * n
    if order == "each_question" and over != "group" and not alternatives and n > 1:
        asked = draw(st.lists(st.sampled_from(("all", "all", "one", "plenary")), min_size=n))
        asked = asked[:n]
        if "all" not in asked:  # a round asks someone in turn (the format says so)
            asked[draw(st.integers(0, n - 1))] = "all"
    return Case(
        order=order,
        over=over,
        roles=draw(roles),
        to=tuple(draw(roles) for _ in range(n)),
        alternatives=alternatives,
        asked=tuple(asked),
        groups=draw(st.integers(1, 3)),
        people=tuple(draw(people)),
        keys=tuple(draw(st.lists(KEY, max_size=30))),
    )


class Who(NamedTuple):
    """Someone who can have the floor, as the model sees them."""

    id: int
    role: str | None
    organisation: str  # whom they speak for, as a key


def who(pid: int, name: str, role: str | None, organisation: str) -> Who:
    """A person speaks for the organisation entered, else their role, else themselves."""
    return Who(
        pid, role, (organisation.strip() or ROLE_NAMES.get(role or "", "") or name).casefold()
    )


# -- two scribes: the pure walker, and the engine with its store ---------------------------


class PureScribe:
    """The walker alone: the marks kept here as the engine keeps them."""

    def __init__(self, case: Case):
        self.case = case
        self.step = walk.Round(
            questions=len(case.to),
            roles=case.roles,
            to=case.to,
            order=case.order,
            over=case.over,
            alternatives=case.alternatives,
            asked=case.asked,  # type: ignore[arg-type]  # the format's words, drawn
        )
        self.everyone = [who(n + 1, f"P{n}", r, o) for n, (r, o) in enumerate(case.people)]
        self.groups = [Who(100 + n, None, f"grupp {n + 1}") for n in range(case.groups)]
        self.said: dict[tuple[int, int], str] = {}
        self.log: list[tuple[int, int, bool]] = []
        self.floor = walk.start(self.step, self.walk_seats(), self.said, walk.Floor())

    def seats(self) -> list[Who]:
        return self.groups if self.case.over == "group" else self.everyone

    def people(self) -> list[Who]:
        return self.everyone

    def walk_seats(self) -> list[walk.Seat]:
        return [walk.Seat(w.id, w.role, w.organisation) for w in self.seats()]

    def args(self):
        return self.step, self.walk_seats(), self.said, self.floor

    @property
    def speaker(self) -> int | None:
        return self.floor.speaker

    @property
    def question(self) -> int:
        return self.floor.question

    def turns(self) -> list[tuple[int, int, bool]]:
        return list(self.log)

    def complete(self) -> bool:
        return walk.complete(*self.args())

    def marks(self) -> dict[int, str]:
        return walk.shown_marks(*self.args())

    def choosable(self) -> list[int]:
        """Whom f6 offers: those who take the turns, or everyone of their organisations."""
        ids = walk.speakers(*self.args())
        if self.case.over != "organisation":
            return ids
        orgs = {w.organisation for w in self.seats() if w.id in ids}
        return [w.id for w in self.seats() if w.organisation in orgs]

    def turn(self, passed: bool) -> None:
        key = (walk.NOBODY if self.speaker is None else self.speaker, self.question)
        if self.said.get(key) != "spoke":
            self.said[key] = "passed" if passed else "spoke"
        self.log.append((self.speaker, self.question, passed))
        self.floor = walk.after_turn(*self.args(), passed=passed)

    def tab(self, delta: int) -> None:
        self.floor = walk.cycle(*self.args(), delta)

    def choose(self, pid: int) -> None:
        self.floor = walk.choose(*self.args(), pid)

    def ask(self, q: int) -> None:
        self.floor = walk.ask(*self.args(), max(0, min(q, len(self.case.to) - 1)))

    def join(self, role: str | None, organisation: str) -> None:
        n = len(self.everyone)
        self.everyone.append(who(n + 1, f"Ny {n}", role, organisation))
        self.floor = walk.joined(*self.args())

    def close(self) -> None:
        pass


def set_text(case: Case) -> str:
    def listed(ids) -> str:
        return "[" + ", ".join(f'"{r}"' for r in ids) + "]"

    lines = ['id = "gen"', 'title = "Generated"', 'language = "sv"', 'method = "test"']
    lines += ["[source]", 'document = "test"']
    for r in ROLES:
        lines += ["[[roles]]", f'id = "{r}"', f'name = "{ROLE_NAMES[r]}"']
    lines += ["[[steps]]", 'title = "Runda"', 'kind = "round"', f'order = "{case.order}"']
    lines.append(f"roles = {listed(case.roles)}")
    if case.over == "organisation":
        lines.append('over = "organisation"')
    if case.over == "group":
        lines += ['form = "groups"', f'groups = {{ by = "number", count = {case.groups} }}']
    if case.alternatives:
        lines.append("alternatives = true")
    for n, to in enumerate(case.to):
        lines += ["[[steps.questions]]", f'text = "F{n + 1}"', f"to = {listed(to)}"]
        lines.append(f'asked = "{case.asked[n]}"')
    return "\n".join(lines) + "\n"


class EngineScribe:
    """The engine, with a store: what the TUI's keys call."""

    def __init__(self, case: Case, store: Store):
        self.case = case
        text = set_text(case)
        note(text)
        qs = parse_question_set(text, "gen.toml")
        people = [Participant(f"P{n}", role, org) for n, (role, org) in enumerate(case.people)]
        info = MeetingInfo(qs.id, "t", dt.date(2026, 1, 15), participants=people)
        self.m = MeetingEngine.create(store, qs, text, info, FakeClock())
        self.m.start()

    def seats(self) -> list[Who]:
        if self.case.over == "group":
            return [Who(g.id, None, g.name.casefold()) for g in self.m.groups.of()]
        return self.people()

    def people(self) -> list[Who]:
        return [who(p.id, p.name, p.role, p.organisation) for p in self.m.participants]

    @property
    def speaker(self) -> int | None:
        return self.m.pos.speaker_id

    @property
    def question(self) -> int:
        return self.m.pos.question

    def turns(self) -> list[tuple[int, int, bool]]:
        rep = self.m.pos.repetition
        return [
            (t.participant_id, t.question or 0, t.passed)
            for t in self.m.turns.in_step()
            if t.repetition == rep
        ]

    def complete(self) -> bool:
        return self.m.round_complete

    def marks(self) -> dict[int, str]:
        return self.m.round_marks()

    def choosable(self) -> list[int]:
        return [p.id for p in self.m.may_speak() if p.id is not None]

    def turn(self, passed: bool) -> None:
        if passed:
            self.m.pass_turn()
        else:
            self.m.submit(f"svar på F{self.m.pos.question + 1}")

    def tab(self, delta: int) -> None:
        self.m.cycle_speaker(delta)

    def choose(self, pid: int) -> None:
        self.m.set_speaker(pid)

    def ask(self, q: int) -> None:
        self.m.goto_question(q)

    def join(self, role: str | None, organisation: str) -> None:
        self.m.add_participant(Participant(f"Ny {len(self.m.participants)}", role, organisation))

    def close(self) -> None:
        self.m.close()


Scribe = PureScribe | EngineScribe


# -- the rules ---------------------------------------------------------------------------


class Model:
    """The rules, read from the round and the turns taken alone."""

    def __init__(self, s: Scribe):
        self.s, self.case = s, s.case

    def room(self, q: int) -> bool:
        """Question q is the room's: nobody's turn."""
        return self.case.asked[q] == "plenary"

    def asked(self, q: int) -> list[Who]:
        """Who is asked question q: its addressees, else the step's roles, else (nobody
        holding them) everyone; groups are all asked; a question of the room, nobody."""
        if self.room(q):
            return []
        if self.case.over == "group":
            return self.s.seats()
        roles = self.case.to[q] or self.case.roles
        people = self.s.people()
        return [p for p in people if p.role in roles] or people

    def actor(self, pid: int | None):
        """Who takes a turn: the organisation in a round over organisations, else the one."""
        found = next((w for w in self.s.seats() if w.id == pid), None)
        if found is None:
            return None
        return found.organisation if self.case.over == "organisation" else found.id

    def questions(self) -> list[int]:
        return [self.s.question] if self.case.alternatives else list(range(len(self.case.to)))

    def actors(self, q: int) -> list:
        if self.room(q):
            return [ROOM]
        return list(dict.fromkeys(self.actor(p.id) for p in self.asked(q)))

    def said(self) -> dict[tuple, set[bool]]:
        """(actor, question) → whether each of its turns there was a pass; on a question of
        the room, whoever said it (nobody, or one given the floor), the room's."""
        out: dict[tuple, set[bool]] = {}
        for pid, q, passed in self.s.turns():
            actor = ROOM if self.room(q) else self.actor(pid)
            out.setdefault((actor, q), set()).add(passed)
        return out

    def pairs(self) -> list[tuple]:
        return [(a, q) for q in self.questions() for a in self.actors(q)]

    def open_pairs(self) -> list[tuple]:
        """The pairs not answered; a question asked of one is answered for all once anyone
        has said something on it (one who passes only hands it on)."""
        said = self.said()
        spoke_once = {
            q for (_a, q), passes in said.items() if self.case.asked[q] == "one" and False in passes
        }
        return [pair for pair in self.pairs() if pair not in said and pair[1] not in spoke_once]

    def first_open(self, actor) -> int | None:
        return next(
            (q for a, q in sorted(self.open_pairs(), key=lambda p: p[1]) if a == actor), None
        )

    def complete(self) -> bool:
        return bool(self.pairs()) and not self.open_pairs()

    def marks(self) -> dict:
        """What the strip marks, per actor: ✓ said something, – only passed; in a round of
        each person, once they are done with every question asked of them."""
        said, out = self.said(), {}
        if self.case.order == "each_person" and not self.case.alternatives:
            for a in dict.fromkeys(a for a, _ in self.pairs()):
                theirs = [said.get((a, q)) for q in self.questions() if a in self.actors(q)]
                if theirs and all(theirs):
                    out[a] = "spoke" if any(False in s for s in theirs if s) else "passed"
            return out
        q = self.s.question
        if self.room(q):
            return out  # the room is no one in the strip
        if self.case.asked[q] == "one":  # only who answered it, or passed it on
            theirs = [a for a in self.actors(q) if (a, q) in said]
            return {a: "spoke" if False in said[(a, q)] else "passed" for a in theirs}
        for a in self.actors(q):
            if (a, q) in said:
                out[a] = "spoke" if False in said[(a, q)] else "passed"
        return out

    @property
    def floor(self) -> tuple:
        """Who has the floor (the room, on its question with nobody on it), and where."""
        q = self.s.question
        if self.s.speaker is None and self.room(q):
            return ROOM, q
        return self.actor(self.s.speaker), q


def check(model: Model, s: Scribe, key: tuple, before: tuple) -> None:
    """Every rule, after every key."""
    case = model.case
    # The floor only ever goes to someone asked the question it is on (on a question of the
    # room, f6 may give it to anyone there: what they say is the room's).
    if s.speaker is not None and not model.room(s.question):
        assert model.actor(s.speaker) in model.actors(s.question), "floor on one not asked"
    # A question of the room is nobody's turn: the round never gives it to anyone.
    if key[0] not in ("choose", "none") and model.room(s.question) and before[1] != s.question:
        assert s.speaker is None, "the room's question given to someone"
    # Complete iff everyone asked has answered or passed every question asked of them.
    assert s.complete() == model.complete(), "round complete ≠ every pair answered"
    # When the round moves on (after a turn where the floor is not kept, after any pass, as
    # it starts), it is on a question its holder has not answered; complete, on nobody.
    moved = key[0] == "pass" or key[0] == "start" or (key[0] == "answer" and case.over == "person")
    if key[0] == "answer" and model.room(before[1]):
        moved = False  # the room, or one given the floor in it, goes on until alt+↓
    if key[0] == "answer" and case.asked[before[1]] == "one" and before[0] is not None:
        moved = True  # asked of one: answered once, the round goes on
    if moved:
        if model.complete():
            assert s.speaker is None, "the round is complete, yet someone has the floor"
        else:
            assert model.floor in model.open_pairs(), "the round moved to an answered question"
    # A pass never leaves the floor with the one who passed, on what they passed.
    if key[0] == "pass" and before[0] != ROOM:
        assert model.floor != before, "a pass kept the floor"
    # Whoever gets the floor in a round of each person (the round moving on, tab, f6) is
    # on their first unanswered question.
    per_person = case.order == "each_person" and not case.alternatives
    new_holder = s.speaker is not None and model.actor(s.speaker) != before[0]
    if per_person and new_holder and key[0] != "ask":
        first = model.first_open(model.actor(s.speaker))
        if first is not None:
            assert s.question == first, "the floor's new holder is not on their first question"
    # Someone asked who joins a round with nobody on the floor (complete) gets it; else
    # they get it in their turn (the answers at the end must reach them to complete it).
    if key[0] == "join" and before[0] is None and not model.complete():
        assert model.floor in model.open_pairs(), "the one who joined is left waiting"
    # The strip: ✓ for who said something, – for who only passed.
    shown = {model.actor(pid): mark for pid, mark in s.marks().items()}
    assert shown == model.marks(), "the strip's marks"


def press(s: Scribe, key: tuple) -> tuple:
    """Press a key as the scribe would; the key pressed, or ("none",) where the scribe
    would not (nobody has the floor to answer or pass)."""
    match key:
        case ("answer",) if s.speaker is not None or s.case.asked[s.question] == "plenary":
            s.turn(passed=False)  # with nobody on the floor: the room's
        case ("pass",) if s.speaker is not None or s.case.asked[s.question] == "plenary":
            s.turn(passed=True)
        case ("tab", delta):
            s.tab(delta)
        case ("choose", n) if s.choosable():
            s.choose(s.choosable()[n % len(s.choosable())])
        case ("ask", n):
            s.ask(n)
        case ("join", role, org):
            s.join(role, org)
        case _:
            return ("none",)
    return key


def drive(s: Scribe) -> None:
    model = Model(s)
    check(model, s, ("start",), (None, 0))
    for key in s.case.keys:
        before = model.floor
        check(model, s, press(s, key), before)
    # A round answered from here on ends complete, within one answer per open pair (and
    # one more for a floor left on a pair already answered). A round over organisations
    # or groups keeps the floor after a turn: there each one passes.
    word = "answer" if s.case.over == "person" else "pass"
    for _ in range(len(model.open_pairs()) + 1):
        if s.complete():
            break
        room = model.room(s.question)
        assert s.speaker is not None or room, "nobody has the floor in a round not complete"
        before = model.floor
        # The room keeps its question after saying something: passing moves on.
        check(model, s, press(s, ("pass",) if room else (word,)), before)
    assert s.complete(), "the answers did not complete the round"


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("over", OVER)
@examples(150)
@given(data=st.data())
def test_the_walker_walks_every_round_by_the_rules(order, over, data):
    drive(PureScribe(data.draw(cases(order, over), label="case")))


@contextlib.contextmanager
def fast_store():
    # Off the disk where there is a RAM disk: every turn is fsynced, and there are many.
    where = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=where) as folder:
        store = Store.open(Path(folder) / "db.sqlite3")
        try:
            yield store
        finally:
            store.close()


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("over", OVER)
@examples(30)
@given(data=st.data())
def test_the_engine_walks_every_round_by_the_rules(order, over, data):
    case = data.draw(cases(order, over), label="case")
    with fast_store() as store:
        scribe = EngineScribe(case, store)
        try:
            drive(scribe)
        finally:
            scribe.close()
