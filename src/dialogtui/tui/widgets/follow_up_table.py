"""A follow-up step: last meeting's open actions, each marked done, continued or dropped."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from dialogtui.export.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, ActionStatus
from dialogtui.tui.widgets.item_table import ItemTable


class FollowUpTable(ItemTable):
    HELP_TITLE = "Follow-up"

    # Their hint is on the table's border; help lists them.
    BINDINGS = [
        Binding("d", "mark('done')", "Done", show=False),
        Binding("c", "mark('continued')", "Continues", show=False),
        Binding("x", "mark('dropped')", "Dropped", show=False),
    ]
    HINT = "d: done · c: continues · x: dropped"

    class Marked(Message):
        def __init__(self, item: ActionItem, status: ActionStatus):
            super().__init__()
            self.item, self.status = item, status

    def show(self, engine: MeetingEngine) -> None:
        items = engine.carried_actions()
        reviewed = {f.action_id: f for f in engine.follow_ups()}
        L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = (
            [
                item.what,
                item.who,
                item.when.isoformat() if item.when else "",
                L[reviewed[item.id].status.value] if item.id in reviewed else L["to_review"],
                reviewed[item.id].comment if item.id in reviewed else "",
            ]
            for item in items
        )
        heads = [L[key] for key in ("what", "who", "when", "status", "comment")]
        self.fill(heads, items, rows)
        if not items:
            self.add_row("(no open actions from an earlier meeting in this series;", "", "", "", "")
            self.add_row(" choose the previous meeting at set-up to follow it up)", "", "", "", "")

    def action_mark(self, status: str) -> None:
        if self.current is not None:
            self.post_message(self.Marked(self.current, ActionStatus(status)))
