"""Top of the capture screen: which step, its clock, and when the meeting will end.

Redrawn when the step, the time through it, its clock or the pause changes (each second
while the clock runs), from the engine."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from dialogtui.display import visible
from dialogtui.i18n import _, pgettext, time_text
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import MeetingState
from dialogtui.meeting.timers import format_seconds
from dialogtui.questionset.words import kind_label
from dialogtui.tui.widgets.observing import Follower, follow
from dialogtui.tui.widgets.ticking import TickingLines


def _shown(state: MeetingState) -> object:
    """What the header shows of the meeting: its clock moves the projected end too."""
    at = state.at
    return (at.step, at.repetition, state.skipped, state.cases, state.paused, state.clock)


class StepHeader(TickingLines):
    _follower: Follower | None = None

    def on_mount(self) -> None:
        self._follower = follow(self, _shown, lambda engine, _state: self.show(engine))

    def on_resize(self) -> None:
        if self._follower is not None:
            self._follower.again()  # a case's name cut for the new width

    def show(self, engine: MeetingEngine) -> None:
        step, n, total = engine.step, engine.step_index + 1, len(engine.qs.steps)
        timer = engine.timing.step_timer()
        line1 = Text()
        line1.append(_("Step {n}/{total}").format(n=n, total=total) + " ", style="bold")
        line1.append(visible(step.title), style="bold")
        kind = kind_label(step)
        if step.repeat:
            span = f"{step.repeat.min}–{step.repeat.max}"
            kind += ", " + _("round {n} of {span}").format(n=engine.pos.repetition, span=span)
            if step.minutes is not None:
                kind += f" × {step.minutes} min; " + _("ctrl+r: next round")
        found = engine.qs.block_at(engine.step_index)
        block_line = self._block_line(engine) if found is not None else None
        if step.optional is not None:
            skipped = (engine.step_index, engine.pos.repetition) in engine.skipped
            kind += ", " + (_("skipped") if skipped else _("optional"))
        if (alternative := engine.alternatives.at(engine.step_index)) is not None:
            # One of alternative steps, run instead of the others: which, and the key.
            said = _("alternative {n} of {of}; ctrl+e: another")
            kind += ", " + said.format(n=alternative[0], of=alternative[1])
        if step.ours:
            kind += ", " + _("ours (f9)")  # not in the source: the set added it, f9 says what
        line1.append(f"  ({kind})", style="dim")
        line2 = Text()
        if timer.planned_seconds is not None:
            line2.append(_("Time {elapsed}").format(elapsed=format_seconds(timer.elapsed_seconds)))
            line2.append(f" / {format_seconds(timer.planned_seconds)}")
            remaining = timer.planned_seconds - timer.elapsed_seconds
            if timer.overrun:
                over = _("OVER +{time}").format(time=format_seconds(-remaining))
                line2.append(f"  {over}", style="bold reverse")
            else:
                line2.append("  " + _("{time} left").format(time=format_seconds(remaining)))
        else:
            elapsed = format_seconds(timer.elapsed_seconds)
            line2.append(_("Time {elapsed} (untimed)").format(elapsed=elapsed))
        proj = engine.timing.projection()
        if proj.projected_end is not None:
            end = time_text(proj.projected_end)
            late = round(proj.overrun_minutes)
            line2.append("   " + _("ends ~{time}").format(time=end))
            if late > 0:
                cut = _("(+{late} min; ctrl+g: where to cut)").format(late=late)
                line2.append(f" {cut}", style="bold")
        if engine.paused:
            line2.append("   " + _("PAUSED (ctrl+t)"), style="bold reverse")
        self.set_class(timer.overrun, "overrun")
        # A block's case and its keys on a line of their own: beside the step's title and
        # kind they were cut at 80 columns ("f12: des…").
        # A short window (60×20) keeps its lines for the text box: the case after the step.
        short = self.is_mounted and self.screen.has_class("-short")
        if block_line is not None and short:
            line1.append("  ")
            line1.append_text(block_line)
            block_line = None
        self.set_class(block_line is not None, "in-block")
        lines = [line1, line2] if block_line is None else [line1, block_line, line2]
        self._show(Text("\n").join(lines))

    def _block_line(self, engine: MeetingEngine) -> Text:
        """Which case (a child): "Case 2: Flicka 14", by the block's `each` word, then how
        many there are in all and the keys; cut from the case's name, never from the keys."""
        found = engine.qs.block_at(engine.step_index)
        assert found is not None
        block, n = found[0], engine.pos.repetition
        word = visible(block.each or pgettext("one time through a block", "time"))
        case = engine.cases.current
        name = engine.cases.case_name(*case) if case is not None else None
        said = _("{span} in all; ctrl+r: next {word}; f12: name")
        keys = " (" + said.format(word=word.lower(), span=block.repeat.span) + ")"  # running text
        width = max(20, self.size.width - 2) if self.size.width else 78
        out = Text(no_wrap=True, overflow="ellipsis")
        if name:
            head = _("{word} {n}: {name}").format(word=word, n=n, name="")
            room = max(6, width - cell_len(keys) - cell_len(head))
            name = visible(name)
            if cell_len(name) > room:
                cut = Text(name)
                cut.truncate(room - 1)
                name = cut.plain.rstrip() + "…"
            said = _("{word} {n}: {name}").format(word=word, n=n, name=name)
        else:
            said = _("{word} {n}").format(word=word, n=n)
        out.append(said, style="bold")
        out.append(keys, style="dim")
        out.truncate(width, overflow="ellipsis")
        return out
