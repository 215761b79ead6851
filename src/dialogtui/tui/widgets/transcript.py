"""The turns of the current step. An OptionList draws only the visible lines, so a long
step stays fast; earlier steps are not shown at all (they are in the minutes)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dialogtui.display import visible
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Turn

# Turns of the current step kept on screen (all of them are in the minutes): building the
# list costs ~0.4 ms a turn, paid on every step change, so a step of 1,000 turns must not
# build a thousand. A hundred is pages of scrolling back; f8 edits among them.
SHOWN = 100
SHOWN_CHARACTERS = 2_000  # of one turn


class Transcript(OptionList):
    HELP_TITLE = "Transcript (f8)"

    BINDINGS = [
        Binding("e", "edit", "Edit turn"),
        Binding("delete,x", "delete", "Delete turn"),
    ]

    class EditRequested(Message):
        def __init__(self, turn_id: int, text: str):
            super().__init__()
            self.turn_id, self.text = turn_id, text

    class DeleteRequested(Message):
        def __init__(self, turn_id: int):
            super().__init__()
            self.turn_id = turn_id

    _shown: tuple[int, int] | None = None  # (step, engine.turns_changed) on screen now
    renders = 0  # how often the whole list was built (a test counts them)

    def show(self, engine: MeetingEngine) -> None:
        """Redraw for the current step: its most recent turns, newest at the bottom. Only
        when they changed: a speaker change, a pause or a rating leaves it as it is (wrapping
        all shown turns again cost up to a quarter of a second)."""
        shown = (engine.pos.step, engine.turns_changed)
        if shown == self._shown:
            return
        self._shown = shown
        self.renders += 1
        self._texts: dict[int, str] = {}
        turns = engine.turns(last=SHOWN)
        options = []
        earlier = engine.count_turns() - len(turns)
        if earlier > 0:
            note = Text(
                f"… {earlier:,} earlier turns of this step are in the minutes", style="italic dim"
            )
            options.append(Option(note, disabled=True))
        options += [self._option(engine, t) for t in turns]
        self.set_options(options)
        self._follow()

    def append(self, engine: MeetingEngine, turn: Turn) -> None:
        """Add one new turn without redrawing the others: submitting stays fast however
        long the step is."""
        if self.option_count >= SHOWN + 50:  # now and then, back to the last SHOWN turns
            self.show(engine)
            return
        self.add_option(self._option(engine, turn))
        self._shown = (engine.pos.step, engine.turns_changed)
        self._follow()

    def _option(self, engine: MeetingEngine, t: Turn) -> Option:
        who = engine.participant(t.participant_id)
        line = Text()
        if t.ended_at is not None:
            line.append(f"{t.ended_at.astimezone():%H:%M} ", style="dim")
        if t.question is not None and len(engine.step.questions) > 1:
            line.append(f"Q{t.question + 1} ", style="dim")  # which question it answers
        line.append(f"{visible(who.name) if who else '—'}: ", style="bold")
        if t.passed:
            line.append("(passed)", style="italic dim")
        elif len(t.text) > SHOWN_CHARACTERS:
            # A huge paste is kept whole in the store and the minutes; on screen a glimpse.
            line.append(visible(t.text[:SHOWN_CHARACTERS]))
            line.append(f" … (+{len(t.text) - SHOWN_CHARACTERS:,} characters)", style="dim")
        else:
            line.append(visible(t.text))
        if t.edited:
            line.append(" (edited)", style="dim")
        self._texts[t.id] = t.text
        return Option(line, id=str(t.id))

    def _follow(self) -> None:
        if self.option_count:
            self.highlighted = self.option_count - 1
            # Once laid out as well: on a resume the list is filled before it has its size,
            # and the newest turns would stay below the edge until the next one.
            self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self) -> None:
        self.call_after_refresh(self.scroll_to_highlight)  # a smaller window keeps it in view

    def _selected(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    def action_edit(self) -> None:
        turn_id = self._selected()
        if turn_id is not None:
            self.post_message(self.EditRequested(turn_id, self._texts[turn_id]))

    def action_delete(self) -> None:
        turn_id = self._selected()
        if turn_id is not None:
            self.post_message(self.DeleteRequested(turn_id))
