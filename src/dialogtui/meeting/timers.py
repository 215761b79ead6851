"""Step and turn timers, and the schedule projection. Pure functions over plain numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dialogtui.i18n import _
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.words import format_minutes


@dataclass(frozen=True)
class StepTimer:
    planned_seconds: float | None
    elapsed_seconds: float

    @property
    def remaining_seconds(self) -> float | None:
        if self.planned_seconds is None:
            return None
        return self.planned_seconds - self.elapsed_seconds

    @property
    def overrun(self) -> bool:
        return self.planned_seconds is not None and self.elapsed_seconds > self.planned_seconds


@dataclass(frozen=True)
class Projection:
    planned_end: dt.datetime | None
    projected_end: dt.datetime | None
    overrun_minutes: float  # positive: the meeting will end late
    shrink: list[tuple[int, int, int]]  # (step index, planned minutes, suggested minutes)


def format_seconds(seconds: float) -> str:
    sign = "-" if seconds < 0 else ""
    s = int(abs(seconds))
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m:02d}:{s:02d}"


def project(
    qs: QuestionSet,
    elapsed: dict[int, float],
    current: int,
    started_at: dt.datetime | None,
    now: dt.datetime,
    skipped: set[int] | frozenset[int] = frozenset(),
) -> Projection:
    """When will the meeting end if every later step keeps its planned time (an optional
    step left out, `skipped`, takes none)?

    And if that is late, how much would each later timed step have to shrink (in proportion
    to its planned length) to end on time?
    """
    total = qs.planned_minutes
    if total is None or started_at is None:
        return Projection(None, None, 0.0, [])
    # Breaks the source's times leave out (a fika) are time the meeting has, not overrun.
    planned_end = started_at + dt.timedelta(minutes=total + (qs.break_minutes or 0))
    remaining = 0.0
    for i, step in enumerate(qs.steps):
        planned = 0 if i in skipped else (step.planned_minutes or 0) * 60
        if i == current:
            remaining += max(0.0, planned - elapsed.get(i, 0.0))
        elif i > current:
            remaining += planned
    # The breaks not yet taken are still ahead: time on no step's clock (paused) is a
    # break taken.
    idle = max(0.0, (now - started_at).total_seconds() - sum(elapsed.values()))
    breaks_left = max(0.0, (qs.break_minutes or 0) * 60 - idle)
    projected_end = now + dt.timedelta(seconds=remaining + breaks_left)
    overrun = (projected_end - planned_end).total_seconds() / 60
    shrink: list[tuple[int, int, int]] = []
    later = [
        (i, s.planned_minutes)
        for i, s in enumerate(qs.steps)
        if i > current and s.planned_minutes and i not in skipped
    ]
    later_total = sum(m for _, m in later)
    if overrun > 0.5 and later_total:
        cut = min(round(overrun), later_total)
        # Largest remainder, so that the whole-minute cuts add up to the overrun exactly.
        shares = [cut * minutes / later_total for _, minutes in later]
        cuts = [int(x) for x in shares]
        by_remainder = sorted(range(len(later)), key=lambda k: shares[k] - cuts[k], reverse=True)
        for k in by_remainder[: cut - sum(cuts)]:
            cuts[k] += 1
        shrink = [(i, minutes, minutes - c) for (i, minutes), c in zip(later, cuts, strict=True)]
    return Projection(planned_end, projected_end, overrun, shrink)


def agenda_lines(
    qs: QuestionSet, projection: Projection, elapsed: Callable[[int], float]
) -> list[str]:
    """The steps as the go-to list shows them: planned and spent minutes (`elapsed`: a
    step's seconds so far), and, when the meeting runs late, how far each later step would
    have to shrink to end on time (the `projection`'s)."""
    shrink = {i: new for i, _, new in projection.shrink}
    lines = []
    for n, step in enumerate(qs.steps):
        line = f"{n + 1}. {step.title}"
        if step.planned_minutes is not None:
            line += f"  ({format_minutes(step.planned_minutes)}"
            if n in shrink and shrink[n] != step.planned_minutes:  # "5 min → 5 min" says nothing
                said = _("{minutes} to end on time").format(minutes=format_minutes(shrink[n]))
                line += f" → {said}"
            line += ")"
        spent = elapsed(n)
        if spent >= 60:
            line += "  " + _("spent {minutes}").format(minutes=format_minutes(round(spent / 60)))
        lines.append(line)
    return lines
