"""Sheets laid out in the room, as the scribe writes them down: on a timeline, or on a map.

A timeline (SamTidigt Träff 3: "Verksamheterna sätter en efter en, upp sina lappar på
tidslinjen") goes round: each organisation in turn puts up its sheets, each with its when,
and a sheet put up between two others is moved to its place in the line. A map (Träff 2's
"intressentkarta": "Ju mer perifer aktör desto längre från målgruppen") lays each sheet in
one of the set's places, the nearest the centre first.
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


def line(cards: list[Card]) -> list[Card]:
    """The sheets in their order on the line (a map's as they were written)."""
    return sorted(cards, key=lambda c: (c.position, c.id))


def put_up(ctx: KindContext, text: str, when: str, by: str) -> Card:
    """A sheet on the timeline, last in the line: what is done, when, and by whom."""
    return Cards.at(ctx).add(text, by=by, place=when)


def correct(ctx: KindContext, card_id: int, text: str, when: str, by: str) -> None:
    sheets = Cards.at(ctx)
    card = sheets.get(card_id)
    card.text, card.place, card.by = text.strip(), when.strip(), by.strip()
    sheets.save(card)


def move(ctx: KindContext, card_id: int, delta: int) -> None:
    """A sheet one place earlier (-1) or later (+1) on the line; at an end it stays."""
    sheets = Cards.at(ctx)
    cards = line(sheets.all())
    at = next(n for n, c in enumerate(cards) if c.id == card_id)
    to = at + delta
    if not 0 <= to < len(cards):
        return
    cards[at], cards[to] = cards[to], cards[at]
    for n, card in enumerate(cards, start=1):  # numbered again: no two share a place
        if card.position != n:
            card.position = n
            sheets.save(card)


def lay(ctx: KindContext, card_id: int, place: int) -> None:
    """A sheet laid in the map's place number `place` (1: the nearest the centre)."""
    places = ctx.step.places or []
    if not 1 <= place <= len(places):
        raise MeetingError(_("this map has places 1–{n}").format(n=len(places)))
    sheets = Cards.at(ctx)
    card = sheets.get(card_id)
    card.place = places[place - 1]
    sheets.save(card)


def timeline_agenda(qs: QuestionSet, step: Step) -> list:
    from rich.text import Text

    said = _(
        "Timeline: each sheet written with its when and whose it is, in its place on the line."
    )
    return [Text(said, style="green")]


def map_agenda(qs: QuestionSet, step: Step) -> list:
    from dialogtui.display import plain

    places = ", ".join(step.places or [])  # the set's words: shown as written
    said = _("Map: each sheet laid in a place, the nearest the centre first: {places}.")
    return [plain(said.format(places=places), style="green")]


def timeline_minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import OF_FRAME, OF_MEETING, Paragraph, Table, label, ours

    cards = line(d.cards_of(n, rep))
    if not cards:
        return []
    L = d.L
    rows = [
        [[ours(str(k))], [d.t(card.place)], [d.t(card.by)], [d.t(card.text)]]
        for k, card in enumerate(cards, start=1)
    ]
    heads = [[ours("#")]] + [[ours(L[k])] for k in ("when", "organisation", "what")]
    table = Table(heads, rows, whose=OF_MEETING)  # the sheets laid out: the meeting's
    return [Paragraph([label(f"{L['timeline']}:")], OF_FRAME), table]


def map_minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import (
        OF_FRAME,
        OF_MEETING,
        Item,
        Items,
        Paragraph,
        label,
        ours,
    )

    cards = line(d.cards_of(n, rep))
    if not cards:
        return []
    L = d.L
    items = []
    for place in [*(step.places or []), ""]:  # "": not laid anywhere yet
        here = [c for c in cards if c.place == place]
        if here:
            name = d.q(place, italic=True) if place else ours(L["not_placed"], italic=True)
            texts = []
            for k, c in enumerate(here):
                texts += [ours("; ")] if k else []
                texts.append(d.t(c.text))
            line_ = [name, ours(":", italic=True), ours(" "), *texts]
            items.append(Item(line_, whose=OF_MEETING))  # the sheets laid out: the meeting's
    return [Paragraph([label(f"{L['map']}:")], OF_FRAME), Items(items)]


TIMELINE = KindSpec(
    panel="dialogtui.tui.widgets.board_panel:TimelinePanel",
    panel_id="timeline",
    beside_table=True,
    agenda=timeline_agenda,
    minutes=timeline_minutes,
)

MAP = KindSpec(
    panel="dialogtui.tui.widgets.board_panel:MapPanel",
    panel_id="map",
    beside_table=True,
    agenda=map_agenda,
    minutes=map_minutes,
)
