"""An action-planning step: the plan as an editable table (what, how, who, …)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from dialogtui.export.labels import action_columns, labels
from dialogtui.kinds.action_planning import made_in
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.model import StepKind
from dialogtui.records import ActionItem
from dialogtui.tui.widgets.item_table import ItemTable


def columns_for(engine: MeetingEngine) -> list[tuple[str, str]]:
    """The columns of this action-planning step, or of the set's plan elsewhere."""
    step = engine.step if engine.step.kind is StepKind.action_planning else None
    return action_columns(engine.qs, step)


def value(item: ActionItem, field: str) -> str:
    v = getattr(item, field)
    return v.isoformat() if field == "when" and v else (v or "")


class ActionTable(ItemTable):
    HELP_TITLE = "Action plan"

    # Their hint is on the table's border; help lists them.
    BINDINGS = [
        Binding("enter", "edit", "Edit action", show=False),
        Binding("a", "add", "Add action", show=False),
        Binding("delete,x", "remove", "Delete action", show=False),
    ]
    HINT = "a: add · enter: edit · x: delete"

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
        L = labels(engine.qs.language.value)  # the set's headings are in its language: all are
        group = lambda gid: p.name if (p := engine.participant(gid)) else "?"  # noqa: E731
        first, made = made_in(engine.qs, items, group, L)
        rows = (
            [*made(item), *(value(item, f) for f, _ in cols), L[item.status.value]]
            for item in items
        )
        self.fill([*first, *(label for _, label in cols), L["status"]], items, rows)

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self.current))

    def action_add(self) -> None:
        self.post_message(self.EditRequested(None))

    def action_remove(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.RemoveRequested(item))
