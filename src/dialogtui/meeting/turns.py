"""A meeting's turns once taken, and the minutes read back in the room.

A turn is taken through the engine (`submit`, `pass_turn`), which moves the round on; here
it is kept, corrected, moved to whom it was of, or deleted, every earlier text kept. Who
has spoken in a round is read from the turns, and kept here so that all that changes the
turns keeps it right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.records import name_key

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.records import Objection, Participant, Position, ReadBack, Turn
    from dialogtui.store import TurnsRepo

# (step, repetition, question or None): one time through a step, one of its questions.
MarksKey = tuple[int, int, int | None]


class Turns:
    """The turns of one meeting; `here`: the position the engine keeps; `known`: whether
    a participant (or group) of that id is in the meeting; `case`: the current case (the
    time through a block, where the step is in one; else None)."""

    def __init__(
        self,
        store: TurnsRepo,
        meeting_id: int,
        clock: Clock,
        here: Callable[[], Position],
        known: Callable[[int], bool],
        case: Callable[[], int | None] = lambda: None,
    ):
        self._store, self._id, self._clock = store, meeting_id, clock
        self._here, self._known, self._case = here, known, case
        # Who has spoken, per MarksKey: read once from the store, then kept up to date by
        # each turn, so that walking the round and the state the screen shows after every
        # change (a turn, a tab) do not query a step that grows with the meeting.
        self._marks: dict[MarksKey, dict[int, str]] = {}

    def add(self, turn: Turn) -> Turn:
        """A turn the engine took (it moves the round on): saved, durably."""
        turn = self._store.add_turn(self._id, turn)
        if turn.participant_id is not None:
            for q in {turn.question, None}:  # spoke, or passed unless they spoke before
                marks = self._marks.get((turn.step, turn.repetition, q))
                if marks is not None and marks.get(turn.participant_id) != "spoke":
                    marks[turn.participant_id] = "passed" if turn.passed else "spoke"
        return turn

    def marks(self, key: MarksKey) -> dict[int, str]:
        """Who has spoken ("spoke") or only passed ("passed") in one time through a step, on
        one of its questions (None: on any)."""
        if key not in self._marks:
            self._marks[key] = self._store.round_marks(self._id, *key)
        return dict(self._marks[key])

    def in_step(self, step: int | None = None, last: int | None = None) -> list[Turn]:
        """The turns of a step; by default of the current step, in a block of the current case
        only (a case lists its own turns, not the case before's); `last`: only that many,
        the latest."""
        if step is None:
            here = self._here().step
            return self._store.turns(self._id, here, last=last, repetition=self._case())
        return self._store.turns(self._id, step, last=last)

    def one(self, turn_id: int) -> Turn | None:
        """A live turn of the meeting, by its id (None: there is none, or it was deleted)."""
        found = self._store.turns(self._id, turn_id=turn_id)
        return found[0] if found else None

    def count(self, step: int | None = None) -> int:
        """How many turns a step has; by default the current step, in a block the current
        case's."""
        if step is None:
            return self._store.count_step_turns(self._id, self._here().step, self._case())
        return self._store.count_step_turns(self._id, step)

    def speaking_times(self) -> dict[int | None, tuple[int, float]]:
        """Turns spoken and seconds speaking, per participant (None: nobody in particular)."""
        return self._store.speaking_times(self._id)

    def edit(self, turn_id: int, text: str, at_read_back: bool = False) -> None:
        """Correct a turn; its earlier text is kept. `at_read_back`: corrected when the
        minutes were read back in the room, which the minutes say beside it."""
        if not text.strip():
            raise MeetingError(_("a turn cannot be edited to nothing; delete it instead"))
        self._store.edit_turn(self._id, turn_id, text.rstrip(), self._clock.now(), at_read_back)

    def move(self, turn_id: int, participant_id: int | None) -> None:
        """The turn was someone else's (filed under the one who had the floor): its speaker
        changes, the earlier one is kept in the history, as an earlier text is."""
        if participant_id is not None and not self._known(participant_id):
            raise MeetingError(_("no participant {id} in this meeting").format(id=participant_id))
        self._store.move_turn(self._id, turn_id, participant_id, self._clock.now())
        self._marks.clear()  # who has spoken in the round is theirs now

    def delete(self, turn_id: int) -> None:
        self._store.delete_turn(self._id, turn_id, self._clock.now())
        self._marks.clear()  # who has spoken may have changed: read again


class ReadBacks:
    """The minutes read back in the room: objections beside the turns, and who accepted
    them when. `people`: the meeting's participants, whose objections are theirs."""

    def __init__(
        self,
        store: TurnsRepo,
        meeting_id: int,
        clock: Clock,
        turns: Turns,
        people: Callable[[], list[Participant]],
    ):
        self._store, self._id, self._clock = store, meeting_id, clock
        self._turns, self._people = turns, people

    def object_to(self, turn_id: int, by: str, text: str) -> None:
        """Note that `by` considers the turn incorrect, and why: beside the turn, never over
        it (11 kap. 6 § SoL: "ska detta antecknas")."""
        if not by.strip():
            raise MeetingError(_("whose objection is it? Write their name"))
        if not text.strip():
            raise MeetingError(_("what do they consider incorrect? Write it"))
        # Whose statement it is decides which copies hold it: the one participant of that
        # name, or no one's (then only the copy for everyone holds it), as where two share
        # it: the objection of one must never reach the other's copies.
        named = [p.id for p in self._people() if name_key(p.name) == name_key(by)]
        who = named[0] if len(named) == 1 else None
        now = self._clock.now()
        self._store.add_objection(self._id, turn_id, by.strip(), text.strip(), now, who)

    def objections(self) -> list[Objection]:
        return self._store.objections(self._id)

    def accept(self, accepted_by: str, covered: list[tuple[str, int]] | None = None) -> None:
        """The minutes were read back and the people named accept them, now; `covered`:
        what the read-back showed, by part (`dialogtui.export.read_back`), which the
        minutes say beside the acceptance."""
        if not accepted_by.strip():
            raise MeetingError(_("who accepted the minutes? Write their names"))
        now = self._clock.now()
        self._store.accept_read_back(self._id, accepted_by.strip(), now, covered or [])

    def all(self) -> list[ReadBack]:
        """Each time the minutes were read back and accepted, in order."""
        return self._store.read_backs(self._id)
