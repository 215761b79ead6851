"""A needs step's needs: each written as it is said, put by the actor with the floor to
another; then, as each actor asked answers in turn, its answer beside the need."""

from __future__ import annotations

from dialogtui.i18n import N_, _
from dialogtui.kinds import needs
from dialogtui.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.dialogs.base import Field, FieldsDialog, KeepKind
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    PanelReopen,
    Request,
    StepPanel,
    TextWanted,
    ask,
    key,
    settled,
)

NEED = KeepKind("need")  # a need written ("new") or corrected (its id)
ANSWER = KeepKind("need-answer")  # the asked one's answer to a need (its id)


class NeedsPanel(ItemTable, StepPanel):
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
        rows = needs.by_asked(engine.cards.all())
        self.fill(
            [L["need_to"], L["need_by"], L["need"], L["answer"]],
            rows,
            ([card.to, card.by, card.text, card.answer] for card in rows),
        )
        self.border_title = None if rows else _("No needs yet: a writes one as it is said")
        self.actors, self.floor = tuple(engine.actors()), engine.floor

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {NEED: _need_again, ANSWER: _answer_again}

    async def action_add(self) -> None:
        await settled(self)  # whose floor it is after the keys before it
        await ask(self, _need_form(self.L, self.actors, self.floor, None))

    async def action_correct(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            await ask(self, _need_form(self.L, self.actors, self.floor, card))

    async def action_answer(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            await ask(self, _answering(card))

    async def action_delete(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            question = _("Delete the need '{text}' ({by} to {to})?").format(
                text=card.text, by=card.by, to=card.to
            )
            await ask(self, ConfirmWanted(question, lambda e: e.cards.delete(card.id)))


def _need_form(
    L: dict[str, str], actors: tuple[str, ...], floor: str, card: Card | None
) -> DialogWanted[tuple[str, str, str]]:
    """Whom it is put to (its first letters and enter), what, whose (the floor's)."""
    to, text, by = (card.to, card.text, card.by) if card else ("", "", floor)
    fields = [
        Field("to", L["need_to"], to, actors),
        Field("text", L["need"], text),
        Field("by", L["need_by"], by, actors),
    ]
    form = FieldsDialog(_("A need"), fields, lambda t: needs.checked(t["by"], t["to"], t["text"]))
    if card is None:
        return DialogWanted(
            form, lambda e, said: needs.add(e.kind_context(), *said), NEED.key("new")
        )
    card_id = card.id
    then = lambda e, said: needs.correct(e.kind_context(), card_id, *said)  # noqa: E731
    return DialogWanted(form, then, NEED.key(card_id))


def _answering(card: Card) -> TextWanted:
    title = _("{to} answers {by}: {text}").format(to=card.to, by=card.by, text=card.text)
    then = lambda e, t: needs.answer(e.kind_context(), card.id, t)  # noqa: E731
    return TextWanted(title, then, card.answer, ANSWER.key(card.id))


def _need_again(engine: MeetingEngine, about: str) -> Request | None:
    """A need's form open when dialogtui stopped: the need being written, or corrected."""
    card = None if about == "new" else engine.cards.find(about)
    if about != "new" and card is None:
        return None
    L = labels(engine.qs.language.value)
    return _need_form(L, tuple(engine.actors()), engine.floor, card)


def _answer_again(engine: MeetingEngine, about: str) -> Request | None:
    card = engine.cards.find(about)
    return _answering(card) if card else None
