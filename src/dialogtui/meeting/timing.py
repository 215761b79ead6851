"""A meeting's clocks: each step's time, the speaker's time, and the schedule's projection.

The engine moves the meeting; this keeps its time, and is told when the meeting moves (a
step changes, a turn starts, the meeting pauses). Step times are folded into the store now
and then, not every second (see `tick`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.meeting.timers import Projection, StepTimer, project

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import Position
    from dialogtui.store import StepsRepo

CLOCK_SAVED_EVERY = 5.0  # seconds of a running step clock between two saves of it


def keeps_floor(step: Step) -> bool:
    """An organisation or a group has the floor over several turns (its people go on, the
    others ask), and its timebox runs over them all."""
    return step.by_organisation or step.by_group


class Timing:
    """The clocks of one meeting, at the position the engine keeps (`here`)."""

    def __init__(
        self,
        store: StepsRepo,
        meeting_id: int,
        clock: Clock,
        qs: QuestionSet,
        here: Callable[[], Position],
        skipped: Callable[[], set[tuple[int, int]]],
        passed_over: Callable[[], set[int]] = set,
    ):
        self._store, self._id, self._clock, self._qs = store, meeting_id, clock, qs
        self._here, self._skipped = here, skipped
        self._passed_over = passed_over  # alternative steps not run: no time, in any case
        self._elapsed = store.step_times(meeting_id)
        self._running_since: dt.datetime | None = None
        self.started_at: dt.datetime | None = None  # when the meeting began (the engine sets it)
        self.turn_started = clock.now()
        # Since when the speaker has the floor: their turn, or in a round over organisations
        # their organisation's time, which runs on over its people's turns.
        self.floor_started = self.turn_started

    # -- told by the engine ---------------------------------------------------------------

    def run(self) -> None:
        """The current step's clock runs from now (said to the store too, for a reader in
        another process: the room's view counts on from there)."""
        self._running_since = self._clock.now()
        self._store.set_clock_since(self._id, self._running_since)

    def stop(self) -> None:
        """The current step's clock stops, its time so far saved."""
        self.fold()
        if self._running_since is not None:
            self._running_since = None
            self._store.set_clock_since(self._id, None)

    def follow(self, since: dt.datetime | None) -> None:
        """For a reader of the meeting (the room's view): the current step's clock has
        run on since `since` (the store's `clock_since`) beyond the time saved for it."""
        self._running_since = since

    def fold(self) -> None:
        """Move the running time of the current step into the store."""
        if self._running_since is None:
            return
        now = self._clock.now()
        seconds = (now - self._running_since).total_seconds()
        if seconds > 0:
            step = self._here().step
            self._store.add_step_time(self._id, step, seconds, since=now)
            self._elapsed[step] = self._elapsed.get(step, 0.0) + seconds
        elif now != self._running_since:  # the computer's clock was set back
            self._store.set_clock_since(self._id, now)
        self._running_since = now

    def new_floor(self, same_floor: bool = False) -> None:
        """A turn starts now; and unless the same organisation or group goes on in its time,
        a new floor."""
        self.turn_started = self._clock.now()
        if not same_floor:
            self.floor_started = self.turn_started

    # -- read by the screens -----------------------------------------------------------------

    def tick(self) -> None:
        """Persist the running clock now and then; the app calls this with each autosave
        (every second). A write every second was a quarter of the idle CPU; a crash now
        loses at most CLOCK_SAVED_EVERY seconds of a step's clock, and nothing else (a step
        change, a pause, the end and quitting all save it at once)."""
        if self._running_since is not None:
            running = (self._clock.now() - self._running_since).total_seconds()
            if running >= CLOCK_SAVED_EVERY:
                self.fold()

    def elapsed(self, step: int) -> float:
        seconds = self._elapsed.get(step, 0.0)
        if step == self._here().step and self._running_since is not None:
            # Never negative: the computer's clock can be set back during a meeting.
            seconds += max(0.0, (self._clock.now() - self._running_since).total_seconds())
        return seconds

    def step_timer(self, step: int | None = None) -> StepTimer:
        index = self._here().step if step is None else step
        planned = self._qs.steps[index].planned_minutes
        return StepTimer(planned * 60 if planned is not None else None, self.elapsed(index))

    def turn_elapsed(self) -> float:
        """How long the speaker has had the floor: this turn, or in a round over
        organisations their organisation's time so far."""
        step = self._qs.steps[self._here().step]
        since = self.floor_started if keeps_floor(step) else self.turn_started
        return max(0.0, (self._clock.now() - since).total_seconds())

    def turn_timebox_seconds(self) -> float | None:
        """The speaker's timebox; the upper end where the set gives a range ("7-8 min"):
        only after it is the speaker over time."""
        tb = self._qs.steps[self._here().step].timebox
        if tb is None:
            return None
        return (tb.max_minutes or tb.minutes) * 60

    def skipped_ahead(self) -> set[int]:
        """The steps the projection counts as taking no time: those left out in the time
        through them still to come. In the current block that is the current case (a step
        skipped in one case still runs in the others); a step of a block not yet begun,
        or outside any, runs its first time next."""
        here = self._here()
        block = self._qs.block_at(here.step)

        def next_time(step: int) -> int:
            same = step == here.step or (block is not None and block[1] <= step <= block[2])
            return here.repetition if same else 1

        return {step for step, rep in self._skipped() if rep == next_time(step)}

    def projection(self) -> Projection:
        elapsed = {i: self.elapsed(i) for i in range(len(self._qs.steps))}
        now = self._clock.now()
        step = self._here().step
        left_out = self.skipped_ahead() | self._passed_over()
        return project(self._qs, elapsed, step, self.started_at, now, left_out)
