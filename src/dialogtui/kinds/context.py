"""What a step kind is given of the meeting: its step where the meeting is, the one
repository its items are kept in, and the one move it may make.

Not the engine: a kind changes its own items (ratings, marks, cards) and nothing else, so
that it cannot move the meeting past the engine's walk or write past its caches. The
engine builds a context for each call (`MeetingEngine.kind_context`), so the step, its
time through and the speaker are those of the moment the kind acts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.questionset.model import Step
    from dialogtui.records import Participant
    from dialogtui.store import ItemsRepo


@dataclass(frozen=True)
class KindContext:
    meeting_id: int
    step: Step  # the step the meeting is at
    index: int  # its index in the set
    repetition: int  # which time through its block (or the step) this is
    clock: Clock
    items: ItemsRepo  # notes and the kinds' items: ratings, marks, cards
    speaker: Participant | None  # who has the floor, if anyone
    # The round on to the next one in the speaking order (a rating typed moves it on).
    next_in_round: Callable[[], None]
