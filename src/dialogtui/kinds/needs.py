"""A needs step: the collaboration map's "Vad behöver du/ni av de andra aktörerna?".

It goes round (organisation by organisation, in SamTidigt's Träff 2 and 4): each says what
it needs of the others, and each need is written as a card put by one actor to another.
Then "i tur och ordning får den efterfrågade aktören bemöta frågan och svara på om de kan
möta behovet": each actor asked answers the needs put to it, and the answer is kept with the
need. The minutes have the needs by the actor asked, each with its answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.kinds.base import KindSpec
from dialogtui.kinds.cards import Cards

if TYPE_CHECKING:
    from dialogtui.kinds.context import KindContext
    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import Card


def checked(by: str, to: str, text: str) -> tuple[str, str, str]:
    by, to, text = by.strip(), to.strip(), text.strip()
    if not by:
        raise MeetingError(_("whose need is it? Write the actor who has it"))
    if not to:
        raise MeetingError(_("whom is the need put to? Write the actor asked"))
    if by.casefold() == to.casefold():
        raise MeetingError(
            _("a need is put to another actor, not to {actor} itself").format(actor=by)
        )
    if not text:
        raise MeetingError(_("a need needs a text"))
    return by, to, text


def add(ctx: KindContext, by: str, to: str, text: str) -> Card:
    by, to, text = checked(by, to, text)
    return Cards.at(ctx).add(text, by=by, to=to)


def correct(ctx: KindContext, card_id: int, by: str, to: str, text: str) -> None:
    cards = Cards.at(ctx)
    card = cards.get(card_id)
    card.by, card.to, card.text = checked(by, to, text)
    cards.save(card)


def answer(ctx: KindContext, card_id: int, text: str) -> None:
    """The asked actor's answer to a need (empty: not answered after all)."""
    cards = Cards.at(ctx)
    card = cards.get(card_id)
    card.answer = text.strip()
    cards.save(card)


def by_asked(cards: list[Card]) -> list[Card]:
    """The needs in the order they are answered: by the actor asked, the actors in the order
    they were first asked, each one's needs as they were written."""
    first: dict[str, int] = {}
    for n, card in enumerate(cards):
        first.setdefault(card.to.casefold(), n)
    return sorted(cards, key=lambda c: first[c.to.casefold()])


def agenda(qs: QuestionSet, step: Step) -> list:
    from rich.text import Text

    said = _(
        "Needs: each written as put by one actor to another; then each actor asked "
        "answers whether it can meet the needs put to it."
    )
    return [Text(said, style="green")]


def minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import OF_FRAME, OF_MEETING, Paragraph, Table, label, ours

    cards = d.cards_of(n, rep)
    if not cards:
        return []
    L = d.L
    rows = []
    for card in by_asked(cards):
        answer = d.t(card.answer) if card.answer else ours(L["unanswered"], italic=True)
        rows.append([[d.t(card.to)], [d.t(card.by)], [d.t(card.text)], [answer]])
    heads = [[ours(L[k])] for k in ("need_to", "need_by", "need", "answer")]
    # The needs put and answered are the meeting's, as the cards laid out are.
    return [Paragraph([label(f"{L['needs']}:")], OF_FRAME), Table(heads, rows, whose=OF_MEETING)]


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.needs_panel:NeedsPanel",
    panel_id="needs",
    beside_table=True,
    agenda=agenda,
    minutes=minutes,
)
