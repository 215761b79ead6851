"""A scale step: the zones with their names and descriptions, and each person's rating.
One key per rating: the digit rates the current speaker and moves to the next one."""

from __future__ import annotations

from rich.table import Table
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from dialogtui.display import plain
from dialogtui.meeting.engine import MeetingEngine


class ScalePanel(Static, can_focus=True):
    HELP_TITLE = "Scale"
    # Explained in the question panel's hint, with the digits; help lists it.
    BINDINGS = [Binding("c", "comment", "Comment on the last rating", show=False)]

    class CommentRequested(Message):
        pass

    class Rated(Message):
        def __init__(self, value: int):
            super().__init__()
            self.value = value

    def show(self, engine: MeetingEngine) -> None:
        scale = engine.step.scale
        if scale is None:
            self.update("")
            return
        self._values = {str(p.value) for p in scale.points}
        ratings = {r.participant_id: r.value for r in engine.ratings()}
        by_value: dict[int, list[str]] = {}
        for p in engine.participants:
            if p.id in ratings:
                by_value.setdefault(ratings[p.id], []).append(p.name)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
        table.add_column(no_wrap=True, style="bold")
        for point in scale.points:
            # A zone's need, where the source names one, comes first: it is what the rating
            # calls for, and the description is cut where the width ends.
            about = plain(f"⇒ {point.need} · ", style="bold") if point.need else plain("")
            about.append_text(plain(point.description, style="dim"))
            table.add_row(
                str(point.value),
                plain(point.zone),
                about,
                plain(", ".join(by_value.get(point.value, []))),
            )
        self.update(table)

    def action_comment(self) -> None:
        self.post_message(self.CommentRequested())

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in getattr(self, "_values", set()):
            event.stop()
            self.post_message(self.Rated(int(event.character)))
