"""A step's cards: a vote's cards, a needs step's needs, a timeline's or a map's sheets.

What the kinds of cards share: each card belongs to its step and to the time through it
(a block's next case starts with none), and keeps its place in the line. What each kind
does with its cards is in its own module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.records import Card

if TYPE_CHECKING:
    from dialogtui.kinds.context import KindContext


class Cards:
    """The cards of the step where the meeting is (`here`), this time through it."""

    def __init__(self, here: Callable[[], KindContext]):
        self._here = here

    @classmethod
    def at(cls, ctx: KindContext) -> Cards:
        return cls(lambda: ctx)

    def all(self) -> list[Card]:
        """The cards of this step, this time through it, in the order they were written."""
        ctx = self._here()
        return ctx.items.cards(ctx.meeting_id, ctx.index, ctx.repetition)

    def find(self, about: str) -> Card | None:
        """The card a kept dialog is about (its id, as the key keeps it), if it is still in
        this step: after a restart it may have been deleted, or the meeting moved on."""
        return next((c for c in self.all() if str(c.id) == about), None)

    def get(self, card_id: int) -> Card:
        found = self.find(str(card_id))
        if found is None:
            raise MeetingError(_("no card {id} in this step").format(id=card_id))
        return found

    def add(self, text: str, by: str = "", to: str = "", place: str = "") -> Card:
        """A new card, last in the line of this step's cards."""
        ctx = self._here()
        if not ctx.step.kind.shape.cards:
            raise MeetingError(_("this step has no cards"))
        if not text.strip():
            raise MeetingError(_("a card needs a text"))
        last = max((c.position for c in self.all()), default=0)
        card = Card(
            id=0,
            step=ctx.index,
            text=text.strip(),
            repetition=ctx.repetition,
            by=by.strip(),
            to=to.strip(),
            place=place.strip(),
            position=last + 1,
        )
        return ctx.items.add_card(ctx.meeting_id, card, ctx.clock.now())

    def save(self, card: Card) -> None:
        if not card.text.strip():
            raise MeetingError(_("a card needs a text; delete it instead"))
        ctx = self._here()
        ctx.items.set_card(ctx.meeting_id, card)

    def edit(self, card_id: int, text: str) -> None:
        card = self.get(card_id)
        card.text = text.strip()
        self.save(card)

    def delete(self, card_id: int) -> None:
        ctx = self._here()
        ctx.items.delete_card(ctx.meeting_id, self.get(card_id).id)
