"""The sheets of a timeline or a map, as they are put up in the room."""

from __future__ import annotations

from textual.binding import Binding

from dialogtui.errors import MeetingError
from dialogtui.export.labels import labels
from dialogtui.kinds import board
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.screens.dialogs import Field, FieldsDialog
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import ConfirmWanted, DialogWanted, EngineChange, TextWanted


class _Sheets(ItemTable):
    """What both have: the sheets in their order, correcting and deleting one."""

    def ask_delete(self) -> None:
        if (card := self.current) is not None:
            question = f"Delete the sheet '{card.text}'?"
            self.post_message(ConfirmWanted(question, lambda e: e.delete_card(card.id)))


def _timeline_check(texts: dict[str, str]) -> tuple[str, str, str]:
    if not texts["text"].strip():
        raise MeetingError("what is on the sheet? Write it, then ctrl+s")
    return texts["text"], texts["when"], texts["by"]


class TimelinePanel(_Sheets):
    HELP_TITLE = "Timeline"

    BINDINGS = [
        Binding("a", "add", "Put up a sheet", show=False),
        Binding("less_than_sign", "move(-1)", "Earlier on the line", show=False),
        Binding("greater_than_sign", "move(1)", "Later on the line", show=False),
        Binding("e,enter", "correct", "Correct the sheet", show=False),
        Binding("x", "delete", "Delete the sheet", show=False),
    ]
    HINT = "a: a sheet · </>: earlier/later · e: correct · x: delete"

    def show(self, engine: MeetingEngine) -> None:
        L = self.L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = board.line(engine.cards())
        self.fill(
            ["#", L["when"], L["organisation"], L["what"]],
            rows,
            ([str(n), c.place, c.by, c.text] for n, c in enumerate(rows, start=1)),
        )
        self.border_title = None if rows else "No sheets yet: a writes one as it is put up"
        self.actors, self.floor = tuple(engine.actors()), engine.floor

    def _form(self, card: Card | None) -> FieldsDialog:
        """What is on it, when, and whose (the floor's: the organisation putting it up)."""
        text, when, by = (card.text, card.place, card.by) if card else ("", "", self.floor)
        L = self.L
        fields = [
            Field("text", L["what"], text),
            Field("when", L["when"], when),
            Field("by", L["organisation"], by, self.actors),
        ]
        return FieldsDialog("A sheet on the timeline", fields, _timeline_check)

    def action_add(self) -> None:
        then = lambda e, said: board.put_up(e, *said)  # noqa: E731
        self.post_message(DialogWanted(self._form(None), then, "sheet:new"))

    def action_correct(self) -> None:
        if (card := self.current) is not None:
            then = lambda e, said: board.correct(e, card.id, *said)  # noqa: E731
            self.post_message(DialogWanted(self._form(card), then, f"sheet:{card.id}"))

    def action_move(self, delta: int) -> None:
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.move(e, card.id, delta)))

    def action_delete(self) -> None:
        self.ask_delete()


class MapPanel(_Sheets):
    HELP_TITLE = "Map"

    BINDINGS = [
        Binding("a", "add", "Write a sheet", show=False),
        *[Binding(str(n), f"lay({n})", show=False) for n in range(1, 10)],
        Binding("e,enter", "correct", "Correct the sheet", show=False),
        Binding("x", "delete", "Delete the sheet", show=False),
    ]
    HINT = "a: a sheet · 1–9: its place · e: correct · x: delete"

    def show(self, engine: MeetingEngine) -> None:
        L = labels(engine.qs.language.value)
        places = engine.step.places or []
        rows = board.line(engine.cards())
        self.fill(
            [L["card"], L["place"]],
            rows,
            (
                [c.text, f"{places.index(c.place) + 1}. {c.place}" if c.place in places else ""]
                for c in rows
            ),
        )
        listed = "  ".join(f"{n}: {p}" for n, p in enumerate(places, start=1))
        self.border_title = listed if rows else "No sheets yet: a writes one as it is laid"

    def action_add(self) -> None:
        then = lambda e, t: e.add_card(t)  # noqa: E731
        self.post_message(TextWanted("A sheet: what is written on it", then, key="sheet:new"))

    def action_lay(self, place: int) -> None:
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.lay(e, card.id, place)))

    def action_correct(self) -> None:
        if (card := self.current) is not None:
            then = lambda e, t: e.edit_card(card.id, t)  # noqa: E731
            self.post_message(TextWanted("Correct the sheet", then, card.text, f"sheet:{card.id}"))

    def action_delete(self) -> None:
        self.ask_delete()
