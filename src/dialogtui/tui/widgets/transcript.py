"""The turns of the current step. An OptionList draws only the visible lines, so a long
step stays fast; earlier steps are not shown at all (they are in the minutes)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dialogtui.meeting.engine import MeetingEngine


class Transcript(OptionList):
    BINDINGS = [
        Binding("e", "edit", "Edit turn"),
        Binding("delete,x", "delete", "Delete turn"),
        Binding("escape", "leave", "Back to typing"),
    ]

    class EditRequested(Message):
        def __init__(self, turn_id: int, text: str):
            super().__init__()
            self.turn_id, self.text = turn_id, text

    class DeleteRequested(Message):
        def __init__(self, turn_id: int):
            super().__init__()
            self.turn_id = turn_id

    class Leave(Message):
        pass

    def show(self, engine: MeetingEngine) -> None:
        self._texts: dict[int, str] = {}
        options = []
        for t in engine.turns():
            who = engine.participant(t.participant_id)
            name = who.name if who else "—"
            line = Text()
            line.append(f"{t.ended_at.astimezone():%H:%M} ", style="dim")
            line.append(f"{name}: ", style="bold")
            if t.passed:
                line.append("(passed)", style="italic dim")
            else:
                line.append(t.text)
            if t.edited:
                line.append(" (edited)", style="dim")
            self._texts[t.id] = t.text
            options.append(Option(line, id=str(t.id)))
        self.set_options(options)
        if options:
            self.highlighted = len(options) - 1
            self.scroll_end(animate=False)

    def _selected(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None else None

    def action_edit(self) -> None:
        turn_id = self._selected()
        if turn_id is not None:
            self.post_message(self.EditRequested(turn_id, self._texts[turn_id]))

    def action_delete(self) -> None:
        turn_id = self._selected()
        if turn_id is not None:
            self.post_message(self.DeleteRequested(turn_id))

    def action_leave(self) -> None:
        self.post_message(self.Leave())
