"""Top of the capture screen: which step, its clock, and when the meeting will end."""

from __future__ import annotations

from rich.text import Text

from dialogtui.display import visible
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.timers import format_seconds
from dialogtui.tui.widgets.ticking import TickingLines


class StepHeader(TickingLines):
    def show(self, engine: MeetingEngine) -> None:
        step, n, total = engine.step, engine.step_index + 1, len(engine.qs.steps)
        timer = engine.step_timer()
        line1 = Text()
        line1.append(f"Step {n}/{total} ", style="bold")
        line1.append(visible(step.title), style="bold")
        kind = step.kind_label
        if step.repeat:
            kind += f", round {engine.pos.repetition} of {step.repeat.min}–{step.repeat.max}"
            if step.minutes is not None:
                kind += f" × {step.minutes} min; ctrl+r: next round"
        if (found := engine.qs.block_at(engine.step_index)) is not None:
            block = found[0]
            word = visible(block.each or "time")
            kind += f", {word} {engine.pos.repetition} of {block.repeat.span}; ctrl+r: next {word}"
        if step.optional is not None:
            kind += ", skipped" if engine.step_index in engine.skipped else ", optional"
        if step.ours:
            kind += ", ours (f9)"  # not in the source: the set added it, f9 says what
        line1.append(f"  ({kind})", style="dim")
        line2 = Text()
        if timer.planned_seconds is not None:
            line2.append(f"Time {format_seconds(timer.elapsed_seconds)}")
            line2.append(f" / {format_seconds(timer.planned_seconds)}")
            remaining = timer.planned_seconds - timer.elapsed_seconds
            if timer.overrun:
                line2.append(f"  OVER +{format_seconds(-remaining)}", style="bold reverse")
            else:
                line2.append(f"  {format_seconds(remaining)} left")
        else:
            line2.append(f"Time {format_seconds(timer.elapsed_seconds)} (untimed)")
        proj = engine.projection()
        if proj.projected_end is not None:
            end = proj.projected_end.astimezone().strftime("%H:%M")
            late = round(proj.overrun_minutes)
            line2.append(f"   ends ~{end}")
            if late > 0:
                line2.append(f" (+{late} min; ctrl+g: where to cut)", style="bold")
        if engine.paused:
            line2.append("   PAUSED (ctrl+t)", style="bold reverse")
        self.set_class(timer.overrun, "overrun")
        self._show(Text("\n").join([line1, line2]))
