"""An action-planning step: the plan as an editable table (what, how, who, …)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from dialogtui.export.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.records import ActionItem
from dialogtui.questionset.model import StepKind
from dialogtui.tui.widgets.item_table import ItemTable

ALL_FIELDS = ["what", "how", "who", "with_whom", "when", "first_step"]


def columns_for(engine: MeetingEngine) -> list[tuple[str, str]]:
    """(field, label) pairs: the step's own columns, or all of them in the meeting language."""
    names = labels(engine.qs.language.value)
    if engine.step.kind is StepKind.action_planning and engine.step.columns:
        cols: list[tuple[str, str]] = [(c.field, c.label) for c in engine.step.columns]
        if "what" not in {f for f, _ in cols}:
            cols.insert(0, ("what", names["what"]))  # an action is nothing without its 'what'
        return cols
    return [(f, names[f]) for f in ALL_FIELDS]


def value(item: ActionItem, field: str) -> str:
    v = getattr(item, field)
    return v.isoformat() if field == "when" and v else (v or "")


class ActionTable(ItemTable):
    HELP_TITLE = "Action plan"

    BINDINGS = [
        Binding("enter", "edit", "Edit action"),
        Binding("a", "add", "Add action"),
        Binding("delete,x", "remove", "Delete action"),
    ]

    class EditRequested(Message):
        def __init__(self, item: ActionItem | None):
            super().__init__()
            self.item = item

    class RemoveRequested(Message):
        def __init__(self, item: ActionItem):
            super().__init__()
            self.item = item

    def show(self, engine: MeetingEngine) -> None:
        cols = columns_for(engine)
        items = engine.actions()
        rows = ([*(value(item, f) for f, _ in cols), item.status.value] for item in items)
        self.fill([*(label for _, label in cols), "status"], items, rows)

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self.current))

    def action_add(self) -> None:
        self.post_message(self.EditRequested(None))

    def action_remove(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.RemoveRequested(item))
