"""Which case: the next time through a block (ctrl+r), or the current one renamed (f12), is
a child chosen from the cards the vote kept ("Flicka 14, hemmasittare"), or named as typed.

The keyboard stays in the name field: ↑ and ↓ move through the cards, enter takes the name
typed, or, with nothing typed, the card highlighted. What is typed is kept like any form's.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from dialogtui.display import plain, visible
from dialogtui.i18n import N_, _, number_text
from dialogtui.tui.dialogs.base import FormDialog, ListKeys


@dataclass(frozen=True)
class CaseChoice:
    """The case's name, and the vote's card it was chosen from (None: typed)."""

    name: str
    card_id: int | None = None


@dataclass(frozen=True)
class Offered:
    """A card the case can be chosen from, as the vote ranked it."""

    rank: int
    text: str
    votes: int
    card_id: int


class CaseDialog(ListKeys, FormDialog[CaseChoice]):
    DEFAULT_CSS = """
    CaseDialog OptionList { height: auto; max-height: 10; margin-bottom: 1; }
    CaseDialog .hint { width: 100%; color: $text-muted; }
    """
    # Only ↑/↓ and the page keys move the list: home and end are the name field's.
    BINDINGS = [
        Binding("enter", "enter", N_("Take it"), priority=True),
        *(b for b in ListKeys.LIST_BINDINGS if b.key in ("up", "down", "pageup", "pagedown")),
    ]

    def __init__(
        self, title: str, cards: list[Offered], name: str = "", card_id: int | None = None
    ):
        super().__init__()
        self.title_text, self.cards = title, cards
        self.typed, self.card_id = name, card_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            if self.cards:
                yield Label(_("The vote's cards (↑/↓):"), classes="stacked-label")
                yield OptionList(
                    *(Option(self._line(card), id=str(card.card_id)) for card in self.cards),
                    id="cards",
                )
            yield Label(
                _("Or type a name:") if self.cards else _("Its name:"), classes="stacked-label"
            )
            # A name given before is corrected where it ends, not typed over at once.
            yield Input(visible(self.typed), id="name", compact=True, select_on_focus=False)
            if self.cards:
                hint = _("enter: the card, or the name typed · escape: cancel")
            else:
                hint = _("enter: take the name (empty: none) · escape: cancel")
            yield Label(hint, classes="hint")

    @staticmethod
    def _line(card: Offered) -> Text:
        return plain(f"{card.rank}. {card.text} ({number_text(card.votes)})")

    def on_mount(self) -> None:
        name = self.query_one("#name", Input)
        name.cursor_position = len(name.value)  # a name given before, to be corrected
        if self.cards:
            ids = [c.card_id for c in self.cards]
            options = self.query_one(OptionList)
            options.highlighted = ids.index(self.card_id) if self.card_id in ids else 0
            options.can_focus = False  # the keys stay in the name field

    def save(self) -> None:
        typed = " ".join(self.query_one("#name", Input).value.split())
        if typed or not self.cards:
            self.dismiss(CaseChoice(typed))
            return
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            self.dismiss(CaseChoice(""))
            return
        card = self.cards[index]
        self.dismiss(CaseChoice(card.text, card.card_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        card = self.cards[event.option_index]  # a click
        self.dismiss(CaseChoice(card.text, card.card_id))
