"""A needs step's needs: each written as it is said, put by the actor with the floor to
another; then, as each actor asked answers in turn, its answer beside the need."""

from __future__ import annotations

from dialogtui.export.labels import labels
from dialogtui.i18n import N_, _
from dialogtui.kinds import needs
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.screens.dialogs import Field, FieldsDialog
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    TextWanted,
    ask,
    key,
    settled,
)


class NeedsPanel(ItemTable):
    HELP_TITLE = N_("Needs")

    BINDINGS = [
        *TO_TEXT_BOX,
        key("a", "add", N_("Write a need")),
        key("enter", "answer", N_("The asked one's answer")),
        key("ctrl+e", "correct", N_("Correct the need")),
        key("delete", "delete", N_("Delete the need")),
    ]
    HINT = N_("a: a need · enter: its answer · ctrl+e: correct · delete: delete")
    MAX_CELL = 24  # the need and its answer side by side at 80 columns

    def show(self, engine: MeetingEngine) -> None:
        L = self.L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = needs.by_asked(engine.cards())
        self.fill(
            [L["need_to"], L["need_by"], L["need"], L["answer"]],
            rows,
            ([card.to, card.by, card.text, card.answer] for card in rows),
        )
        self.border_title = None if rows else _("No needs yet: a writes one as it is said")
        self.actors, self.floor = tuple(engine.actors()), engine.floor

    def _form(self, card: Card | None) -> FieldsDialog:
        """Whom it is put to (its first letters and enter), what, whose (the floor's)."""
        to, text, by = (card.to, card.text, card.by) if card else ("", "", self.floor)
        L = self.L
        fields = [
            Field("to", L["need_to"], to, self.actors),
            Field("text", L["need"], text),
            Field("by", L["need_by"], by, self.actors),
        ]
        return FieldsDialog(
            _("A need"), fields, lambda t: needs.checked(t["by"], t["to"], t["text"])
        )

    async def action_add(self) -> None:
        await settled(self)  # whose floor it is after the keys before it
        then = lambda e, said: needs.add(e, *said)  # noqa: E731
        await ask(self, DialogWanted(self._form(None), then, "need:new"))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            then = lambda e, said: needs.correct(e, card.id, *said)  # noqa: E731
            await ask(self, DialogWanted(self._form(card), then, f"need:{card.id}"))

    async def action_answer(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            title = _("{to} answers {by}: {text}").format(to=card.to, by=card.by, text=card.text)
            then = lambda e, t: needs.answer(e, card.id, t)  # noqa: E731
            await ask(self, TextWanted(title, then, card.answer, f"need-answer:{card.id}"))

    async def action_delete(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            question = _("Delete the need '{text}' ({by} to {to})?").format(
                text=card.text, by=card.by, to=card.to
            )
            await ask(self, ConfirmWanted(question, lambda e: e.delete_card(card.id)))
