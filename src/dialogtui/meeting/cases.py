"""A meeting's cases: each time through a repeated block is one (in Träff 4 a child), named
by the card the vote kept for it or as the scribe typed it.

A case is keyed by (block index among the set's blocks, repetition): its name, its turns,
the optional steps skipped in it and the actions made in it all carry the repetition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _, pgettext
from dialogtui.kinds.vote import ranked
from dialogtui.records import CaseName

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.questionset.model import Block, QuestionSet
    from dialogtui.records import Card, Position
    from dialogtui.store import Store


def block_index(qs: QuestionSet, step: int) -> int | None:
    """The index, among the set's blocks, of the block step `step` is in (None: in none)."""
    found = qs.block_at(step)
    return None if found is None else index_of(qs, found[0])


def index_of(qs: QuestionSet, block: Block) -> int:
    """A block's place among the set's blocks, by identity (two may be written alike)."""
    return next(n for n, b in enumerate(qs.blocks) if b is block)


class Cases:
    """The named cases of one meeting, at the position the engine keeps (`here`)."""

    def __init__(
        self,
        store: Store,
        meeting_id: int,
        clock: Clock,
        qs: QuestionSet,
        here: Callable[[], Position],
    ):
        self._store, self._id, self._clock, self._qs = store, meeting_id, clock, qs
        self._here = here
        # By (block index, repetition); read once, then kept with each change.
        self.names: dict[tuple[int, int], CaseName] = store.case_names(meeting_id)

    @property
    def current(self) -> tuple[int, int] | None:
        """The current case: (block index, repetition); None outside a block."""
        here = self._here()
        block = block_index(self._qs, here.step)
        return None if block is None else (block, here.repetition)

    def name_case(self, name: str, card_id: int | None = None) -> None:
        """Name the current case: by the vote's card `card_id` it was chosen from, or as
        typed; an empty name takes the name away (it is "Case 2" again)."""
        key = self.current
        if key is None:
            raise MeetingError(_("only a case of a repeated block can be named"))
        if card_id is not None and card_id not in {c.id for c in self._store.cards(self._id)}:
            raise MeetingError(_("there is no card {id} in this meeting").format(id=card_id))
        name = " ".join(name.split())  # one line: a name is a heading
        self._store.name_case(self._id, *key, name, card_id, self._clock.now())
        if name:
            self.names[key] = CaseName(name, card_id)
        else:
            self.names.pop(key, None)

    def existing(self, block: int) -> int:
        """How many cases of block `block` (its index among the set's blocks) there are:
        the latest with anything written in it, or the one the meeting is in, if later
        (just begun, nothing in it yet)."""
        at = [i for i in map(self._qs.index_of, self._qs.blocks[block].steps) if i is not None]
        latest = self._store.last_repetition(self._id, min(at), max(at), block)
        current = self.current
        if current is not None and current[0] == block:
            latest = max(latest, current[1])
        return latest

    def label(self, step: int, repetition: int) -> str:
        """A case of the block step `step` is in, as the header and the go-to list name
        it: "Case 2: Flicka 14", by the block's `each` word."""
        block = block_index(self._qs, step)
        if block is None:
            raise MeetingError(_("only a case of a repeated block can be named"))
        word = self._qs.blocks[block].each or pgettext("one time through a block", "time")
        name = self.case_name(block, repetition)
        if name:
            return _("{word} {n}: {name}").format(word=word, n=repetition, name=name)
        return _("{word} {n}").format(word=word, n=repetition)

    def places(self, runs: Callable[[int], bool]) -> list[tuple[int, int | None]]:
        """Where the go-to list goes: each step the meeting runs (`runs`), and a block's
        steps once per case there is, case by case (step, case; None outside a block)."""
        found: list[tuple[int, int | None]] = []
        for i in range(len(self._qs.steps)):
            if not runs(i):
                continue
            at = self._qs.block_at(i)
            if at is None:
                found.append((i, None))
                continue
            inside = [j for j in range(at[1], at[2] + 1) if runs(j)]
            if i == inside[0]:  # the block's first step: all its steps, per case
                cases = self.existing(index_of(self._qs, at[0]))
                found += [(j, case) for case in range(1, cases + 1) for j in inside]
        return found

    def place(self) -> tuple[int, int | None]:
        """Where the meeting is, as `places` lists it."""
        here = self._here()
        in_block = self._qs.block_at(here.step) is not None
        return here.step, here.repetition if in_block else None

    def case_name(self, block_index: int, repetition: int) -> str | None:
        """The name of one case of a block, or None where it has none."""
        found = self.names.get((block_index, repetition))
        return None if found is None else found.name

    def cards(self, repetition: int | None = None) -> list[tuple[int, Card]]:
        """The cards a case of the current block can be chosen from, each with its rank:
        those the vote before the block (its last step of kind vote before it) kept, ranked
        as the minutes rank them (all of them where the vote keeps no number); those already
        chosen for another case of the block than `repetition` (None: any) left out."""
        found = self._qs.block_at(self._here().step)
        if found is None:
            return []
        votes = [n for n, s in enumerate(self._qs.steps[: found[1]]) if s.vote is not None]
        if not votes:
            return []
        vote = self._qs.steps[votes[-1]].vote
        assert vote is not None
        block = index_of(self._qs, found[0])
        used = {c.card_id for (b, r), c in self.names.items() if b == block and r != repetition}
        cards = [c for c in self._store.cards(self._id) if c.step == votes[-1]]
        return [
            (rank, card)
            for rank, card, kept in ranked(cards, vote.keep)
            if (kept or vote.keep is None) and card.id not in used
        ]
