"""Whose turn it is in the round, who has spoken and who passed, and the turn's timebox."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dialogtui.display import visible
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.timers import format_seconds


class SpeakerStrip(Static):
    last_saved = ""

    def show(self, engine: MeetingEngine) -> None:
        order = engine.speakers()
        marks = engine.round_marks() if engine.step.is_round else {}
        out = Text()
        current = engine.pos.speaker_id
        for n, p in enumerate(order, start=1):
            said = marks.get(p.id, "") if p.id is not None else ""
            mark = {"spoke": "✓", "passed": "–"}.get(said, "")
            label = f"{n}:{visible(p.name)}{mark}"
            if p.id == current:
                out.append(f"▶{label}", style="bold reverse")
            else:
                out.append(label, style="dim" if mark else "")
            out.append("  ")
        if not order:
            out.append("No participants yet: ctrl+l adds one.", style="italic")
        elif engine.round_complete:
            out.append("round complete · ctrl+n next step", style="bold")
        elif current is None:
            out.append("tab or f6: choose who speaks", style="dim")
        out.append("\n")
        elapsed = engine.turn_elapsed()
        box = engine.turn_timebox_seconds()
        who = visible(engine.speaker.name) if engine.speaker else "—"
        out.append(f"Speaking: {who}  {format_seconds(elapsed)}")
        if box is not None:
            out.append(f" / {format_seconds(box)}")
            if elapsed > box:
                out.append("  TIME", style="bold reverse")
        if self.last_saved:
            out.append(f"   {visible(self.last_saved)}", style="green")
        self.set_class(box is not None and elapsed > box, "overtime")
        self.update(out)
