"""A vote step: cards (cases, obstacles, activities) written by the scribe, each given dots
by the participants, ranked by them; the most voted are kept where the set says how many."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.i18n import _
from dialogtui.kinds.base import KindSpec
from dialogtui.kinds.cards import Cards

if TYPE_CHECKING:
    from dialogtui.kinds.context import KindContext
    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import Card


def agenda(qs: QuestionSet, step: Step) -> list:
    from rich.text import Text

    assert step.vote is not None
    said = _("Cards, each written by the scribe, ranked by the dots they are given")
    if step.vote.dots:
        said += "; " + _("each participant gives {dots}").format(dots=step.vote.dots)
    if step.vote.keep:
        said += "; " + _("the {keep} with most are kept").format(keep=step.vote.keep)
    return [Text(said + ".", style="green")]


def ranked(cards: list, keep: int | None) -> list[tuple[int, Any, bool]]:
    """(rank, card, kept) with most dots first; equal dots share a rank, and a tie at the
    last place kept keeps them all (the room decides, not the order they were written)."""
    cards = sorted(cards, key=lambda c: -c.votes)
    out: list[tuple[int, Any, bool]] = []
    for n, card in enumerate(cards):
        rank = n + 1 if n == 0 or card.votes != cards[n - 1].votes else out[-1][0]
        out.append((rank, card, keep is not None and rank <= keep))
    return out


def give(ctx: KindContext, card_id: int, dots: int) -> Card:
    """Add (or, negative, take back) dots on a card; never fewer than none."""
    cards = Cards.at(ctx)
    card = cards.get(card_id)
    card.votes = max(0, card.votes + dots)
    cards.save(card)
    return card


def minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import OF_FRAME, OF_MEETING, Item, Items, Paragraph, label, ours

    assert step.vote is not None
    cards = d.cards_of(n, rep)
    if not cards:
        return []
    L = d.L
    items = []
    for rank, card, kept in ranked(cards, step.vote.keep):
        line = [d.t(card.text), ours(f" ({card.votes}")]
        line += [ours(", "), d.t(card.by)] if card.by else []  # whose card: a pair's, a group's
        line += [ours(")")] + ([ours(" — "), ours(L["kept"], italic=True)] if kept else [])
        items.append(Item(line, number=rank, whose=OF_MEETING))  # the cards laid out
    return [Paragraph([label(f"{L['votes']}:")], OF_FRAME), Items(items)]


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.vote_panel:VotePanel",
    panel_id="cards",
    beside_table=True,
    agenda=agenda,
    minutes=minutes,
)
