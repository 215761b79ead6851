"""The round walker: who has the floor, on which question, after each thing the scribe does.

Pure: plain frozen inputs (the step as a round, who sits, who has answered what, where the
floor is) and a new position out; no store, no engine, no Textual. The engine reads the
inputs from the meeting and writes the position back, so that the rules are in one place
and can be checked over generated rounds (tests/test_walk.py).

The rules, each once:

- Who is asked a question: those holding the roles it is addressed to (its `to`, else the
  step's roles); nobody holding them, everyone. Groups are all asked. In a round over
  organisations an organisation is asked when any of its people is, and takes the turns
  as one ("actor"): any of its people may speak for it.
- A pair (actor, question) is answered once any turn, spoken or passed, is on it (for an
  organisation, by any of its people).
- After a turn the round moves on to a pair not yet answered; an organisation or a group
  keeps the floor after a turn (its people go on, the others ask). A pass always moves on:
  whoever passes has nothing to add.
- Each question (`each_question`): the next in order who has not answered this question,
  wrapping round, then the later questions, then those gone by. Each person
  (`each_person`): the same one's next unanswered question, then the next one in order who
  has any, on their first unanswered question.
- Whoever gets the floor in a round of each person, whatever gave it to them (the round,
  tab, f6), is on their first unanswered question.
- The round is complete when every actor asked has answered every question asked of them;
  someone who joins, and is asked, opens it again.
- A question asked of one (`asked = "one"`: "Först berättar den som känner barnet …") is
  answered once, by whoever the scribe gives the floor (the first asked, until tab or f6
  gives it to another); then the round goes on with the next question over everyone. A
  question of the room (`asked = "plenary"`: a shared reflection) is nobody's turn: the
  floor is nobody's while it is asked, and it is answered once anything is written on it;
  the room keeps it after a turn (it may say several things), and passing moves on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dialogtui.questionset.model import Step
    from dialogtui.records import ScaleRating, Turn

Order = Literal["each_question", "each_person"]
Over = Literal["person", "organisation", "group"]
# Who said what: (seat id, question index) → "spoke", or "passed" where they only passed.
Marks = Mapping[tuple[int, int], str]
# The seat a turn of nobody in particular is marked under (what the room said on a question
# of the room): no one sits there, for seats are counted from 1.
NOBODY = -1
Asked = Literal["all", "one", "plenary"]


@dataclass(frozen=True)
class Seat:
    """Someone who can have the floor: a person, or a group or pair."""

    id: int
    role: str | None = None
    organisation: str = ""  # whom they speak for in a round over organisations (a key)


@dataclass(frozen=True)
class Round:
    """A step as the walker sees it."""

    questions: int = 1  # a step without questions is asked as one
    roles: tuple[str, ...] = ()  # the step's roles; empty: everyone
    to: tuple[tuple[str, ...], ...] = ()  # per question, the roles it is addressed to
    order: Order = "each_question"
    over: Over = "person"
    alternatives: bool = False  # only the question the floor is on is asked
    asked: tuple[Asked, ...] = ()  # per question, who answers it ("all" where not given)
    is_round: bool = True  # False: the floor moves by hand (tab, f6), and after a pass

    @property
    def keeps_floor(self) -> bool:
        """An organisation or a group keeps the floor after a turn."""
        return self.over != "person"

    def once(self, q: int) -> bool:
        """Question q is answered once, by one person or by the room, not by each in turn."""
        return q < len(self.asked) and self.asked[q] != "all"

    def plenary(self, q: int) -> bool:
        return q < len(self.asked) and self.asked[q] == "plenary"

    @property
    def per_person(self) -> bool:
        """Each person answers all their questions in turn (the question follows them)."""
        return self.is_round and self.order == "each_person" and not self.alternatives


def round_of(step: Step) -> Round:
    """A step of a set as the walker sees it."""
    over: Over = "person"
    if step.by_group:  # its groups or pairs take the turns, not the people
        over = "group"
    elif step.by_organisation:
        over = "organisation"
    return Round(
        questions=max(1, len(step.questions)),
        roles=tuple(step.roles),
        to=tuple(tuple(q.to) for q in step.questions),
        order=step.order,
        over=over,
        alternatives=step.alternatives,
        asked=tuple(q.asked for q in step.questions),
        is_round=step.is_round,
    )


def answers(
    step: Step,
    index: int,
    marks: Callable[[int | None], Mapping[int, str]],
    ratings: Callable[[], Iterable[ScaleRating]],
    room: Callable[[], Iterable[Turn]] = tuple,
) -> dict[tuple[int, int], str]:
    """Who has answered which question of `step` (the set's step `index`), this time
    through it: `marks(q)`, who spoke or passed on question q (None: on any, for a step
    without questions); for a scale, whoever was rated on it too, for the rating is its
    answer, not a turn (`ratings()`: the meeting's, read only then); for a question of the
    room, what nobody in particular said on it (`room()`: this time through's turns of
    nobody, read only then)."""
    questions = range(max(1, len(step.questions)))
    said = {
        (pid, q): mark
        for q in questions
        for pid, mark in marks(q if step.questions else None).items()
    }
    if step.scale is not None:
        rated = [r.participant_id for r in ratings() if r.step == index]
        said.update({(pid, q): "spoke" for pid in rated for q in questions})
    plenary = {q for q, question in enumerate(step.questions) if question.asked == "plenary"}
    if plenary:
        for turn in room():
            if turn.question in plenary and said.get((NOBODY, turn.question)) != "spoke":
                said[(NOBODY, turn.question)] = "passed" if turn.passed else "spoke"
    return said


@dataclass(frozen=True)
class Floor:
    """Where the round stands: the question, and who has the floor (None: nobody)."""

    question: int = 0
    speaker: int | None = None


Actor = int | str  # a seat's id, or an organisation's key
# Who answers a question of the room: nobody in particular (no seat speaks for it).
ROOM: Actor = "\x00room"


class _Walk:
    """One look at a round: its inputs, and what follows from them."""

    def __init__(self, step: Round, seats: Sequence[Seat], marks: Marks, at: Floor):
        self.step, self.seats, self.marks, self.at = step, list(seats), marks, at
        self.by_id = {s.id: s for s in self.seats}

    def actor(self, pid: int | None) -> Actor | None:
        seat = self.by_id.get(pid) if pid is not None else None
        return None if seat is None else self._key(seat)

    def questions(self) -> list[int]:
        """The questions the round asks: only the one chosen where they are alternatives."""
        if self.step.alternatives:
            return [self.at.question]
        return list(range(max(1, self.step.questions)))

    def asked(self, q: int) -> list[Seat]:
        if self.step.plenary(q):
            return []
        if self.step.over == "group":
            return list(self.seats)
        to = self.step.to[q] if q < len(self.step.to) else ()
        roles = set(to or self.step.roles)
        # Nobody holds the roles (roles were not entered at set-up): everyone is asked
        # rather than no one, so that the round can still be walked.
        return [s for s in self.seats if s.role in roles] or list(self.seats)

    def actors(self, q: int) -> list[Actor]:
        """Who is asked question q, in the order they sit (a question of the room: the
        room alone)."""
        if self.step.plenary(q):
            return [ROOM]
        return list(dict.fromkeys(self._key(s) for s in self.asked(q)))

    def round_actors(self) -> list[Actor]:
        """Who takes the turns in the round, in the order they sit: those asked the
        question the floor is on, or, each person in turn, those asked any question."""
        if not self.step.per_person:
            return self.actors(self.at.question)
        anywhere = {a for q in self.questions() for a in self.actors(q)}
        return [a for a in dict.fromkeys(self._key(s) for s in self.seats) if a in anywhere]

    def _key(self, seat: Seat) -> Actor:
        return seat.organisation if self.step.over == "organisation" else seat.id

    def mark(self, actor: Actor, q: int) -> str | None:
        """Whether an actor has answered a question: spoke, only passed, or not yet. A
        question answered once is answered for all once anyone (or the room) has."""
        if self.step.plenary(q):
            said = {mark for (_pid, at), mark in self.marks.items() if at == q}
            return "spoke" if "spoke" in said else "passed" if "passed" in said else None
        if self.step.once(q) and any(m == "spoke" for (_p, at), m in self.marks.items() if at == q):
            return "spoke"  # one has answered it: for all; one who passes hands it on
        return self.own_mark(actor, q)

    def own_mark(self, actor: Actor, q: int) -> str | None:
        """What the actor itself said on a question (theirs, or their organisation's)."""
        if actor == ROOM:
            return self.marks.get((NOBODY, q))
        if self.step.over != "organisation":
            return self.marks.get((actor, q)) if isinstance(actor, int) else None
        said = {self.marks.get((s.id, q)) for s in self.seats if s.organisation == actor}
        return "spoke" if "spoke" in said else "passed" if "passed" in said else None

    def open(self, actor: Actor, q: int) -> bool:
        return self.mark(actor, q) is None and actor in self.actors(q)

    def open_questions(self, actor: Actor) -> list[int]:
        return [q for q in self.questions() if self.open(actor, q)]

    def seat_for(self, actor: Actor, q: int) -> int | None:
        """Who speaks for an actor: the one with the floor if they are of it, else the
        first of it asked the question (an organisation's first, as they sit); for the
        room, nobody."""
        if actor == ROOM:
            return None
        if self.step.over != "organisation":
            assert isinstance(actor, int)
            return actor
        if self.actor(self.at.speaker) == actor and self.at.speaker is not None:
            return self.at.speaker
        of_it = [s.id for s in self.asked(q) if s.organisation == actor]
        return (of_it or [s.id for s in self.seats if s.organisation == actor])[0]

    def give(self, actor: Actor, pid: int | None = None) -> Floor:
        """The floor to an actor (to `pid` of it, where chosen): in a round of each person
        another actor is on their first unanswered question; the same one, or a round of
        each question, stays on the question."""
        q = self.at.question
        if self.step.per_person and actor != self.actor(self.at.speaker):
            theirs = [q for q in self.questions() if actor in self.actors(q)]
            unanswered = self.open_questions(actor)
            # Done with all of them: the question as it is, where it is theirs, else their
            # first (the scribe chose them to add something; alt+↑/↓ moves).
            q = unanswered[0] if unanswered else q if q in theirs or not theirs else theirs[0]
        return Floor(q, self.seat_for(actor, q) if pid is None else pid)

    def first_open(self, questions: Iterable[int]) -> Floor | None:
        """The first pair not yet answered, question by question in the order given."""
        for q in questions:
            for actor in self.actors(q):
                if self.open(actor, q):
                    return Floor(q, self.seat_for(actor, q))
        return None


def _around(items: list, current) -> list:
    """The items after `current`, then those before it: who comes next, round."""
    if current not in items:
        return list(items)
    n = items.index(current)
    return items[n + 1 :] + items[:n]


def _from(items: list, current) -> list:
    """The items from `current` on, then those before it."""
    return [current, *_around(items, current)] if current in items else list(items)


# -- what the round looks like --------------------------------------------------------------


def speakers(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> list[int]:
    """Who takes the turns, in order, one seat each (in a round over organisations, the
    one who speaks for it now, else its first)."""
    w = _Walk(step, seats, marks, at)
    found = [w.seat_for(a, at.question) for a in w.round_actors()]
    return [pid for pid in found if pid is not None]  # a question of the room: nobody


def asked(step: Round, seats: Sequence[Seat], q: int) -> list[int]:
    """Everyone asked question q (in a round over organisations, all its people asked)."""
    return [s.id for s in _Walk(step, seats, {}, Floor(q)).asked(q)]


def shown_marks(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> dict[int, str]:
    """What the strip marks beside each one who takes the turns: "spoke" (✓) or "passed"
    (–), on the question the floor is on; each person in turn, once they are done with
    every question asked of them (✓ if they said something, – if they only passed)."""
    w = _Walk(step, seats, marks, at)
    out: dict[int, str] = {}
    for actor in w.round_actors():
        pid = w.seat_for(actor, at.question)
        if pid is None:
            continue  # the room: nobody to mark
        if step.once(at.question):
            # Asked of one: only whoever answered it (or passed it on) is marked.
            if (mark := w.own_mark(actor, at.question)) is not None:
                out[pid] = mark
        elif step.per_person:
            said = [w.mark(actor, q) for q in w.questions() if actor in w.actors(q)]
            if said and all(said):
                out[pid] = "spoke" if "spoke" in said else "passed"
        elif (mark := w.mark(actor, at.question)) is not None:
            out[pid] = mark
    return out


def complete(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> bool:
    """Every actor asked has answered or passed every question asked of them."""
    if not step.is_round:
        return False
    w = _Walk(step, seats, marks, at)
    pairs = [(a, q) for q in w.questions() for a in w.actors(q)]
    return bool(pairs) and all(w.mark(a, q) is not None for a, q in pairs)


def holds(step: Round, seats: Sequence[Seat], at: Floor) -> bool:
    """The one with the floor is asked the question it is on."""
    w = _Walk(step, seats, {}, at)
    return w.actor(at.speaker) in w.actors(at.question)


# -- moves ----------------------------------------------------------------------------------


def start(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> Floor:
    """The floor as a step begins, resumes or takes someone new: the first pair not yet
    answered (in a round of each question, from the question it is on); a round complete,
    or a step that is not a round, starts with its first."""
    w = _Walk(step, seats, marks, at)
    if step.is_round:
        if step.per_person:
            for actor in w.round_actors():
                if theirs := w.open_questions(actor):
                    return Floor(theirs[0], w.seat_for(actor, theirs[0]))
        elif (found := w.first_open(_from(w.questions(), at.question))) is not None:
            return found
    actors = w.round_actors()
    if not actors:
        return Floor(at.question)
    return _Walk(step, seats, marks, Floor(at.question)).give(actors[0])


def joined(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> Floor:
    """Someone joined (they are in `seats`, last): they join the round under way. With
    nobody on the floor (it was complete), and them asked, it is theirs; where the one with
    the floor is no longer asked the question (nobody held its roles, so everyone was,
    until they came), the floor goes to whom it is asked of. Else they get it in turn."""
    if not step.is_round:
        return at
    if at.speaker is None and not complete(step, seats, marks, at):
        return start(step, seats, marks, at)
    if at.speaker is not None and not holds(step, seats, at):
        return start(step, seats, marks, Floor(at.question))
    return at


def after_turn(
    step: Round, seats: Sequence[Seat], marks: Marks, at: Floor, *, passed: bool
) -> Floor:
    """Where the round goes after a turn (its mark already in `marks`). The room, on a
    question of the room, keeps it after what it says (alt+↓ goes on); a pass of the room
    moves on, as any pass does."""
    if at.speaker is None and not (passed and step.plenary(at.question)):
        return at
    if not step.is_round:
        # Not a round (groups or pairs at work side by side): one that passes has nothing
        # more to add, and the next in order gets the floor, as tab gives it.
        return cycle(step, seats, marks, at, 1) if passed else at
    if step.keeps_floor and not passed and not step.once(at.question):
        return at  # the organisation or group goes on; tab gives the floor to the next
    w = _Walk(step, seats, marks, at)
    me = w.actor(at.speaker)
    if step.per_person:
        if me not in w.round_actors() and not passed:
            return at  # someone chosen outside the round: the round waits
        questions = w.questions()
        mine = [q for q in _around(questions, at.question) if w.open(me, q)] if me else []
        if mine:
            return Floor(mine[0], at.speaker)  # their next question, then those skipped
        for actor in _around(w.round_actors(), me):
            if theirs := w.open_questions(actor):
                return Floor(theirs[0], w.seat_for(actor, theirs[0]))
        return Floor(at.question)  # the round is complete
    here = w.actors(at.question)
    if me not in here and not passed:
        return at  # someone chosen outside the round: the round waits
    waiting = [a for a in _around(here, me) if w.open(a, at.question)]
    if waiting:  # the next in order who has not answered yet, wrapping round
        return Floor(at.question, w.seat_for(waiting[0], at.question))
    # The later questions, then any gone by that someone has not answered (one who joined
    # late): complete means every question answered.
    found = w.first_open(_around(w.questions(), at.question))
    return found if found is not None else Floor(at.question)


def cycle(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor, delta: int) -> Floor:
    """tab (+1) and shift+tab (-1): the next or previous one in order, wrapping."""
    w = _Walk(step, seats, marks, at)
    actors = w.round_actors()
    if not actors:
        return at
    me = w.actor(at.speaker)
    if me in actors:
        actor = actors[(actors.index(me) + delta) % len(actors)]
    else:
        actor = actors[0] if delta > 0 else actors[-1]
    return w.give(actor)


def next_in_order(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor) -> Floor:
    """The next one in order, or nobody after the last (no wrapping: a stray key after
    the last rating must not re-rate the first)."""
    w = _Walk(step, seats, marks, at)
    actors = w.round_actors()
    me = w.actor(at.speaker)
    if me in actors and actors.index(me) + 1 < len(actors):
        return w.give(actors[actors.index(me) + 1])
    return Floor(at.question)


def choose(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor, pid: int | None) -> Floor:
    """The scribe gives the floor to someone (f6, alt+n)."""
    if pid is None:
        return Floor(at.question)
    w = _Walk(step, seats, marks, at)
    actor = w.actor(pid)
    if actor is None:  # not one of the seats (a group of another step): as chosen
        return Floor(at.question, pid)
    return w.give(actor, pid)


def ask(step: Round, seats: Sequence[Seat], marks: Marks, at: Floor, q: int) -> Floor:
    """The scribe goes to question q (alt+↓/↑): each person in turn, the one with the
    floor is asked it, if it is theirs; else the first asked it who has not answered."""
    w = _Walk(step, seats, marks, Floor(q, at.speaker))
    if not step.is_round or (step.per_person and w.actor(at.speaker) in w.actors(q)):
        return Floor(q, at.speaker)
    found = w.first_open([q])
    if found is not None:
        return found
    actors = w.actors(q)
    return Floor(q, w.seat_for(actors[0], q) if actors else None)
