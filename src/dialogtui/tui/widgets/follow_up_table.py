"""A follow-up step: last meeting's open actions, each marked done, continued or dropped."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.records import ActionItem, ActionStatus


class FollowUpTable(DataTable):
    HELP_TITLE = "Follow-up"

    BINDINGS = [
        Binding("d", "mark('done')", "Done"),
        Binding("c", "mark('continued')", "Continues"),
        Binding("x", "mark('dropped')", "Dropped"),
    ]

    class Marked(Message):
        def __init__(self, item: ActionItem, status: ActionStatus):
            super().__init__()
            self.item, self.status = item, status

    def show(self, engine: MeetingEngine) -> None:
        self.cursor_type = "row"
        self._items = engine.carried_actions()
        reviewed = {f.action_id: f for f in engine.follow_ups()}
        keep = self.cursor_row
        self.clear(columns=True)
        self.add_columns("what", "who", "when", "status", "comment")
        for item in self._items:
            fu = reviewed.get(item.id)
            self.add_row(
                item.what,
                item.who,
                item.when.isoformat() if item.when else "",
                fu.status.value if fu else "to review",
                fu.comment if fu else "",
                key=str(item.id),
            )
        if self._items:
            self.move_cursor(row=min(keep, len(self._items) - 1))
        else:
            self.add_row("(no open actions from an earlier meeting in this series;", "", "", "", "")
            self.add_row(" choose the previous meeting at set-up to follow it up)", "", "", "", "")

    def action_mark(self, status: str) -> None:
        items = getattr(self, "_items", [])
        if items and 0 <= self.cursor_row < len(items):
            self.post_message(self.Marked(items[self.cursor_row], ActionStatus(status)))
