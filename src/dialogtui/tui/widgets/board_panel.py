"""The sheets of a timeline or a map, as they are put up in the room."""

from __future__ import annotations

from dialogtui.errors import MeetingError
from dialogtui.i18n import N_, _
from dialogtui.kinds import board
from dialogtui.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.dialogs.base import Field, FieldsDialog, KeepKind
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    EngineChange,
    PanelReopen,
    Request,
    StepPanel,
    TextWanted,
    ask,
    key,
    settled,
)

# A sheet written ("new") or corrected (its id): on the timeline its form, on the map its text.
SHEET = KeepKind("sheet")
MAP_SHEET = KeepKind("map-sheet")


class _Sheets(ItemTable):
    """What both have: the sheets in their order, correcting and deleting one."""

    async def action_delete(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            question = _("Delete the sheet '{text}'?").format(text=card.text)
            await ask(self, ConfirmWanted(question, lambda e: e.cards.delete(card.id)))


def _timeline_check(texts: dict[str, str]) -> tuple[str, str, str]:
    if not texts["text"].strip():
        raise MeetingError(_("what is on the sheet? Write it, then ctrl+s"))
    return texts["text"], texts["when"], texts["by"]


class TimelinePanel(_Sheets, StepPanel):
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
        rows = board.line(engine.cards.all())
        self.fill(
            ["#", L["when"], L["organisation"], L["what"]],
            rows,
            ([str(n), c.place, c.by, c.text] for n, c in enumerate(rows, start=1)),
        )
        self.border_title = None if rows else _("No sheets yet: a writes one as it is put up")
        self.actors, self.floor = tuple(engine.actors()), engine.floor

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {SHEET: _timeline_again}

    async def action_add(self) -> None:
        await settled(self)  # whose floor it is after the keys before it
        await ask(self, _timeline_form(self.L, self.actors, self.floor, None))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            await ask(self, _timeline_form(self.L, self.actors, self.floor, card))

    async def action_move(self, delta: int) -> None:
        await settled(self)
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.move(e.kind_context(), card.id, delta)))


class MapPanel(_Sheets, StepPanel):
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
        rows = board.line(engine.cards.all())
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

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {MAP_SHEET: _map_again}

    async def action_add(self) -> None:
        await ask(self, _new_map_sheet())

    async def action_lay(self, place: int) -> None:
        await settled(self)  # on the sheet just written
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: board.lay(e.kind_context(), card.id, place)))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            await ask(self, _correcting_map_sheet(card))


def _timeline_form(
    L: dict[str, str], actors: tuple[str, ...], floor: str, card: Card | None
) -> DialogWanted[tuple[str, str, str]]:
    """What is on it, when, and whose (the floor's: the organisation putting it up)."""
    text, when, by = (card.text, card.place, card.by) if card else ("", "", floor)
    fields = [
        Field("text", L["what"], text),
        Field("when", L["when"], when),
        Field("by", L["organisation"], by, actors),
    ]
    form = FieldsDialog(_("A sheet on the timeline"), fields, _timeline_check)
    if card is None:
        return DialogWanted(
            form, lambda e, said: board.put_up(e.kind_context(), *said), SHEET.key("new")
        )
    card_id = card.id
    then = lambda e, said: board.correct(e.kind_context(), card_id, *said)  # noqa: E731
    return DialogWanted(form, then, SHEET.key(card_id))


def _timeline_again(engine: MeetingEngine, about: str) -> Request | None:
    """A sheet's form open when dialogtui stopped: the sheet being put up, or corrected."""
    card = None if about == "new" else engine.cards.find(about)
    if about != "new" and card is None:
        return None
    L = labels(engine.qs.language.value)
    return _timeline_form(L, tuple(engine.actors()), engine.floor, card)


def _new_map_sheet() -> TextWanted:
    then = lambda e, t: e.cards.add(t)  # noqa: E731
    return TextWanted(_("A sheet: what is written on it"), then, key=MAP_SHEET.key("new"))


def _correcting_map_sheet(card: Card) -> TextWanted:
    then = lambda e, t: e.cards.edit(card.id, t)  # noqa: E731
    return TextWanted(_("Correct the sheet"), then, card.text, MAP_SHEET.key(card.id))


def _map_again(engine: MeetingEngine, about: str) -> Request | None:
    """A sheet's text open when dialogtui stopped: the sheet being written, or corrected."""
    if about == "new":
        return _new_map_sheet()
    card = engine.cards.find(about)
    return _correcting_map_sheet(card) if card else None
