"""The sheets of a timeline or a map, as they are put up in the room."""

from __future__ import annotations

from dialogtui.errors import MeetingError
from dialogtui.export.labels import labels
from dialogtui.i18n import N_, _
from dialogtui.kinds import board
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.screens.dialogs import Field, FieldsDialog
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    EngineChange,
    TextWanted,
    ask,
    key,
    settled,
)


class _Sheets(ItemTable):
    """What both have: the sheets in their order, correcting and deleting one."""

    async def action_delete(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            question = _("Delete the sheet '{text}'?").format(text=card.text)
            await ask(self, ConfirmWanted(question, lambda e: e.delete_card(card.id)))


def _timeline_check(texts: dict[str, str]) -> tuple[str, str, str]:
    if not texts["text"].strip():
        raise MeetingError(_("what is on the sheet? Write it, then ctrl+s"))
    return texts["text"], texts["when"], texts["by"]


class TimelinePanel(_Sheets):
    HELP_TITLE = N_("Timeline")

    BINDINGS = [
        *TO_TEXT_BOX,
        key("a", "add", N_("Put up a sheet")),
        key("less_than_sign", "move(-1)", N_("Earlier on the line")),
        key("greater_than_sign", "move(1)", N_("Later on the line")),
        key("enter", "correct", N_("Correct the sheet")),
        key("delete", "delete", N_("Delete the sheet")),
    ]
    HINT = N_("a: a sheet · </>: earlier/later · enter: correct · delete: delete")

    def show(self, engine: MeetingEngine) -> None:
        L = self.L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = board.line(engine.cards())
        self.fill(
            ["#", L["when"], L["organisation"], L["what"]],
            rows,
            ([str(n), c.place, c.by, c.text] for n, c in enumerate(rows, start=1)),
        )
        self.border_title = None if rows else _("No sheets yet: a writes one as it is put up")
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
        return FieldsDialog(_("A sheet on the timeline"), fields, _timeline_check)

    async def action_add(self) -> None:
        await settled(self)  # whose floor it is after the keys before it
        then = lambda e, said: board.put_up(e, *said)  # noqa: E731
        await ask(self, DialogWanted(self._form(None), then, "sheet:new"))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            then = lambda e, said: board.correct(e, card.id, *said)  # noqa: E731
            await ask(self, DialogWanted(self._form(card), then, f"sheet:{card.id}"))

    async def action_move(self, delta: int) -> None:
        await settled(self)
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.move(e, card.id, delta)))


class MapPanel(_Sheets):
    HELP_TITLE = N_("Map")

    BINDINGS = [
        *TO_TEXT_BOX,
        key("a", "add", N_("Write a sheet")),
        *[key(str(n), f"lay({n})", N_("Lay it in a place")) for n in range(1, 10)],
        key("enter", "correct", N_("Correct the sheet")),
        key("delete", "delete", N_("Delete the sheet")),
    ]
    HINT = N_("a: a sheet · 1–9: its place · enter: correct · delete: delete")

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
        self.border_title = listed if rows else _("No sheets yet: a writes one as it is laid")

    async def action_add(self) -> None:
        then = lambda e, t: e.add_card(t)  # noqa: E731
        await ask(self, TextWanted(_("A sheet: what is written on it"), then, key="sheet:new"))

    async def action_lay(self, place: int) -> None:
        await settled(self)  # on the sheet just written
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.lay(e, card.id, place)))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            then = lambda e, t: e.edit_card(card.id, t)  # noqa: E731
            await ask(self, TextWanted(_("Correct the sheet"), then, card.text, f"sheet:{card.id}"))
