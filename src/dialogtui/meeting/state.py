"""The meeting as the screens show it: one frozen value, made again after every change.

A screen holds it and its widgets watch it; each redraws itself only when the part it shows
has changed. It is made in two ways that give the same value for the same meeting:

- `state_of(engine)`: from the engine that moves the meeting (the capture screen);
- `read_state(store, meeting_id, qs)`: from the store alone, through its read methods, so
  that a read-only view of the room in another process can follow the meeting.

So that the two agree, what changes with the meeting's records (its turns, its items, its
people) is read from the store's content in both: the newest turn, how many revisions,
a digest of the items. Only two fields are the engine's alone (`ENGINE_ONLY`): the clock
as shown (the running part of a step's time and the speaker's time are kept in memory
between two saves) and what was saved last (what the screen was told).

Plain Python: no Textual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dialogtui.meeting import walk
from dialogtui.meeting.people import groups_home, organisation
from dialogtui.records import CaseName, MeetingStatus, NoteKind, Participant, Position

if TYPE_CHECKING:
    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.store import Store


@dataclass(frozen=True)
class Place:
    """Where the meeting stands."""

    step: int
    repetition: int
    question: int
    speaker: int | None  # the participant or group with the floor; None: nobody


@dataclass(frozen=True)
class TurnsVersion:
    """Changes whenever the turns shown change: a new turn raises `newest`; an edit, a
    move to another speaker or a deletion (each kept as a revision) raises `revisions`."""

    newest: int  # the id of the step's newest turn, in a block the case's (0: none yet)
    revisions: int  # how many revisions the meeting's turns have


@dataclass(frozen=True)
class ClockShown:
    """The clocks as the screen shows them, in whole seconds: a tick that changes none of
    them changes nothing on screen."""

    now: int  # seconds since the epoch: the projected end moves with it, even when paused
    step: int  # on the step's clock
    turn: int | None  # the speaker's time; None: nobody speaks


# What was saved last, as the speaker strip says it (in the UI's language, there).


@dataclass(frozen=True)
class TurnSaved:
    participant: int | None  # whose turn (None: nobody's in particular)
    at: dt.datetime


@dataclass(frozen=True)
class NoteSaved:
    kind: NoteKind


@dataclass(frozen=True)
class ActionSaved:
    pass


@dataclass(frozen=True)
class ParticipantAdded:
    name: str


@dataclass(frozen=True)
class NotSaved:
    reason: str  # the error, as the store said it


@dataclass(frozen=True)
class SavingAgain:
    """Saving works again after it did not."""


@dataclass(frozen=True)
class OpenAgain:
    """An ended meeting was opened again (from the end screen)."""

    read_back: bool  # it had been read back and accepted: what is written now was not


Saved = TurnSaved | NoteSaved | ActionSaved | ParticipantAdded | NotSaved | SavingAgain | OpenAgain


@dataclass(frozen=True)
class MeetingState:
    at: Place
    turns: TurnsVersion
    # Beside each of those who take the turns: "spoke" or "passed" (the speaker strip's
    # ✓ and –), by participant or group id, in id order.
    marks: tuple[tuple[int, str], ...]
    complete: bool  # a round, and everyone asked has answered every question asked
    paused: bool
    finished: bool
    # Optional steps left out, each in one time through it: (step index, repetition).
    skipped: frozenset[tuple[int, int]]
    people: str  # a digest of the participants and groups: who they are, their names
    items: str  # a digest of what else is written: notes, cards, ratings, actions, …
    read_backs: int  # how many times the minutes were read back and accepted
    # The cases named: (block index, repetition, name, the vote's card or None), in order.
    cases: tuple[tuple[int, int, str, int | None], ...] = ()
    clock: ClockShown | None = None  # engine only
    saved: Saved | None = None  # engine only

    def shared(self) -> MeetingState:
        """Without what only the engine knows: what a reader of the store also sees."""
        return replace(self, clock=None, saved=None)


# The fields `read_state` cannot know (see the module's doc): always None there.
ENGINE_ONLY = ("clock", "saved")


def state_of(engine: MeetingEngine, saved: Saved | None = None) -> MeetingState:
    """The meeting as the engine has it now; `saved`: what the screen last said was saved."""
    pos, store, mid = engine.pos, engine.store, engine.id
    return MeetingState(
        at=_place(pos),
        turns=_turns(store, mid, engine.qs, pos),
        marks=tuple(sorted(engine.round_marks().items())),
        complete=engine.round_complete,
        paused=engine.paused,
        finished=engine.status is MeetingStatus.finished,
        skipped=frozenset(engine.skipped),
        people=_digest(_person(p) for p in [*engine.participants, *engine.groups.all()]),
        items=items_digest(store, mid, engine.consent.of_cases()),
        read_backs=len(store.read_backs(mid)),
        cases=_cases(engine.cases.names),
        clock=_clock(engine),
        saved=saved,
    )


def with_clock(state: MeetingState, engine: MeetingEngine) -> MeetingState:
    """The same state a second later: only the clocks read again (the tick; no query)."""
    return replace(state, clock=_clock(engine))


def _clock(engine: MeetingEngine) -> ClockShown:
    timing = engine.timing
    return ClockShown(
        int(engine.clock.now().timestamp()),
        int(timing.elapsed(engine.pos.step)),
        int(timing.turn_elapsed()) if engine.speaker is not None else None,
    )


def read_state(store: Store, meeting_id: int, qs: QuestionSet) -> MeetingState:
    """The meeting as the store has it, through its read methods alone (a read-only
    store will do); `qs`: the meeting's own set, parsed once by the caller."""
    pos = store.position(meeting_id)
    people = store.participants(meeting_id)
    groups = store.groups(meeting_id)
    marks, complete = _round(store, meeting_id, qs, pos, people, groups)
    return MeetingState(
        at=_place(pos),
        turns=_turns(store, meeting_id, qs, pos),
        marks=tuple(sorted(marks.items())),
        complete=complete,
        paused=pos.paused,
        finished=store.meeting_row(meeting_id).status is MeetingStatus.finished,
        skipped=frozenset(store.skipped_steps(meeting_id)),
        people=_digest(_person(p) for p in [*people, *(g for gs in groups.values() for g in gs)]),
        items=items_digest(store, meeting_id, store.case_consents(meeting_id)),
        read_backs=len(store.read_backs(meeting_id)),
        cases=_cases(store.case_names(meeting_id)),
    )


# -- from the store's content, the same for both ------------------------------------------


def _place(pos: Position) -> Place:
    return Place(pos.step, pos.repetition, pos.question, pos.speaker_id)


def _cases(
    cases: Mapping[tuple[int, int], CaseName],
) -> tuple[tuple[int, int, str, int | None], ...]:
    return tuple((b, r, c.name, c.card_id) for (b, r), c in sorted(cases.items()))


def _turns(store: Store, meeting_id: int, qs: QuestionSet, pos: Position) -> TurnsVersion:
    # The newest live turn of the step (in a block, of the current case: each lists its
    # own) through its index, and the revisions (rare: an edit, a move, a deletion): two
    # small reads, whatever the length of the meeting.
    case = pos.repetition if qs.block_at(pos.step) is not None else None
    newest = store.turns(meeting_id, pos.step, last=1, times=False, edited=False, repetition=case)
    return TurnsVersion(newest[0].id if newest else 0, len(store.revisions(meeting_id)))


def items_digest(store: Store, meeting_id: int, case_consents: Mapping[int, str]) -> str:
    """What is written besides the turns, as one digest: a card given a dot, a note
    corrected, an action added all change it (their rows are updated in place, so no id or
    count would)."""
    return _digest(
        [
            store.notes(meeting_id),
            store.cards(meeting_id),
            store.scale_ratings(meeting_id),
            store.choice_marks(meeting_id),
            store.actions(meeting_id),
            store.follow_ups(meeting_id),
            store.plan(meeting_id),
            sorted(case_consents.items()),
        ]
    )


def _person(p: Participant) -> tuple:
    return (p.id, p.name, p.role, p.organisation, p.group_step)


def _digest(parts: Iterable[object]) -> str:
    # Of the records' reprs, which are the same in every process (Python's own hash of a
    # string is not), so that a view in another process could compare with this one.
    return hashlib.blake2b(repr(list(parts)).encode(), digest_size=12).hexdigest()


# -- the round, as the engine walks it (dialogtui.meeting.walk) -----------------------------


def _round(
    store: Store,
    meeting_id: int,
    qs: QuestionSet,
    pos: Position,
    people: Sequence[Participant],
    groups: Mapping[int, Sequence[Participant]],
) -> tuple[dict[int, str], bool]:
    """Who is marked as having spoken or passed, and whether the round is complete: the
    walker's answer from the walker's inputs, read from the store as the engine reads them."""
    step = qs.steps[pos.step]
    shape = walk.round_of(step)
    sitting = list(groups.get(groups_home(qs, pos.step), [])) if step.by_group else people
    seats = [
        walk.Seat(p.id, p.role, organisation(qs, p).casefold()) for p in sitting if p.id is not None
    ]
    said = _said(store, meeting_id, step, pos)
    at = walk.Floor(pos.question, pos.speaker_id)
    return walk.shown_marks(shape, seats, said, at), walk.complete(shape, seats, said, at)


def _said(store: Store, meeting_id: int, step: Step, pos: Position) -> dict[tuple[int, int], str]:
    """Who has answered which question of the step, this time through it."""

    def marks(question: int | None) -> dict[int, str]:
        return store.round_marks(meeting_id, pos.step, pos.repetition, question)

    def room() -> list:  # what nobody in particular said (a question of the room)
        turns = store.turns(meeting_id, pos.step, times=False, repetition=pos.repetition)
        return [t for t in turns if t.participant_id is None]

    def ratings() -> list:  # this time through's: in a block, this case's
        return [r for r in store.scale_ratings(meeting_id) if r.repetition == pos.repetition]

    return walk.answers(step, pos.step, marks, ratings, room)
