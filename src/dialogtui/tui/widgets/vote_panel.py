"""A vote step's cards: written by the scribe as they are presented, given dots as the
participants mark them, ranked by their dots (the most voted kept, where the set says)."""

from __future__ import annotations

from dialogtui.i18n import N_, _, ngettext
from dialogtui.kinds.vote import give, ranked
from dialogtui.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.dialogs.base import KeepKind
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    EngineChange,
    PanelReopen,
    Request,
    StepPanel,
    TextWanted,
    ask,
    key,
    settled,
)

CARD = KeepKind("card")  # a card written ("new") or corrected (its id)


class VotePanel(ItemTable, StepPanel):
    HELP_TITLE = N_("Vote")

    BINDINGS = [
        *TO_TEXT_BOX,
        key("a", "add", N_("Add a card")),
        key("plus,equals_sign", "dots(1)", N_("A dot more")),
        key("minus", "dots(-1)", N_("A dot less")),
        key("enter", "edit", N_("Correct the card")),
        key("delete", "delete", N_("Delete the card")),
    ]
    HINT = N_("a: add a card · +/-: a dot · enter: correct · delete: delete")

    def show(self, engine: MeetingEngine) -> None:
        vote = engine.step.vote
        rows = ranked(engine.cards.all(), vote.keep if vote else None)
        L = labels(engine.qs.language.value)  # as the minutes will say it
        by = any(card.by for _, card, _ in rows)  # whose cards: where someone had the floor
        self.fill(
            ["#", L["card"], *([L["need_by"]] if by else []), L["dots"], ""],
            [card for _, card, _ in rows],
            (
                [
                    str(rank),
                    card.text,
                    *([card.by] if by else []),
                    str(card.votes),
                    L["kept"] if kept else "",
                ]
                for rank, card, kept in rows
            ),
        )
        self.border_title = None if rows else _("No cards yet: a adds one as each is presented")

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {CARD: _card_again}

    async def action_add(self) -> None:
        await ask(self, _new_card())

    async def action_dots(self, n: int) -> None:
        await settled(self)  # on the card the keys before it reached
        if (card := self.current) is not None:
            self.post_message(EngineChange(lambda e: give(e.kind_context(), card.id, n)))

    async def action_edit(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            await ask(self, _correcting(card))

    async def action_delete(self) -> None:
        await settled(self)
        if (card := self.current) is not None:
            dots = ngettext("{n} dot", "{n} dots", card.votes)
            question = _("Delete the card '{text}' and its {dots}?").format(
                text=card.text, dots=dots
            )
            await ask(self, ConfirmWanted(question, lambda e: e.cards.delete(card.id)))


def _new_card() -> TextWanted:
    # Whose card it is: the pair, group or person with the floor as it is presented.
    then = lambda e, t: e.cards.add(t, by=e.floor)  # noqa: E731
    return TextWanted(_("A card: what is written on it"), then, key=CARD.key("new"))


def _correcting(card: Card) -> TextWanted:
    then = lambda e, t: e.cards.edit(card.id, t)  # noqa: E731
    return TextWanted(_("Correct the card"), then, card.text, CARD.key(card.id))


def _card_again(engine: MeetingEngine, about: str) -> Request | None:
    """A card's dialog open when dialogtui stopped: the card being written, or corrected."""
    if about == "new":
        return _new_card()
    card = engine.cards.find(about)
    return _correcting(card) if card else None
