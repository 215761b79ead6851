"""Which of a set's alternative steps (`[[alternatives]]`) the meeting runs.

One step of each group is run: the scribe's choice, else the group's first. The others are
passed over by every move (next, previous, the go-to list), by the timers and by the
documents. The choice is kept in the store's table of chosen alternatives, under the
group's number n as step -(n + 1), apart from a step's alternative questions (steps from 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.i18n import NC_
from dialogtui.questionset.shapes import chosen_steps, group_key, passed_over, runs

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.store import StepsRepo


# What the store finds written at a step (`written_at`), as a refusal names it.
WRITTEN = {
    "turns": NC_("written at a step", "turns"),
    "notes": NC_("written at a step", "notes"),
    "needs": NC_("written at a step", "needs"),
    "cards": NC_("written at a step", "cards or sheets"),
    "actions": NC_("written at a step", "actions"),
    "ratings": NC_("written at a step", "ratings"),
    "marks": NC_("written at a step", "marks"),
}


class Alternatives:
    """The meeting's choices among its set's alternative steps."""

    def __init__(self, store: StepsRepo, meeting_id: int, clock: Clock, qs: QuestionSet):
        self._store, self._id, self._clock, self._qs = store, meeting_id, clock, qs
        self.chosen: dict[int, int] = chosen_steps(store.chosen_alternatives(meeting_id))

    def runs(self, index: int) -> bool:
        return runs(self._qs, self.chosen, index)

    def passed_over(self) -> set[int]:
        return passed_over(self._qs, self.chosen)

    def at(self, index: int) -> tuple[int, int] | None:
        """Which of its group's alternatives step `index` is, and of how many ("1 of 2"),
        counted from 1; None where it is no alternative."""
        group = self._qs.alternatives_of(index)
        if group is None:
            return None
        steps = self._qs.alternative_steps(group)
        return steps.index(index) + 1, len(steps)

    def choose(self, index: int) -> None:
        """Step `index` is run of its group, from now on."""
        group = self._qs.alternatives_of(index)
        if group is None or self.chosen.get(group) == index:
            return
        self.chosen[group] = index
        self._store.choose_alternative(self._id, group_key(group), index, self._clock.now())
