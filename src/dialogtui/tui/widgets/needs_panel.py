"""A needs step's needs: each written as it is said, put by the actor with the floor to
another; then, as each actor asked answers in turn, its answer beside the need."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from dialogtui.display import plain, visible
from dialogtui.errors import MeetingError
from dialogtui.export.labels import labels
from dialogtui.kinds import needs
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Card
from dialogtui.tui.screens.dialogs import FormDialog, complete
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import ConfirmWanted, DialogWanted, TextWanted


class NeedDialog(FormDialog):
    """A need: whom it is put to, what it is, whose it is (the actor with the floor). Enter
    in the first field takes the actor suggested, as in an action item's who."""

    def __init__(self, heads: dict[str, str], actors: list[str], by: str, card: Card | None):
        super().__init__()
        self.heads, self.actors = heads, actors
        self.values = (card.to, card.text, card.by) if card else ("", "", by)

    def compose(self) -> ComposeResult:
        suggester = SuggestFromList(self.actors, case_sensitive=False)
        fields = zip(("to", "text", "by"), self.values, strict=True)
        with Vertical(classes="dialog form"):
            yield Label("A need", classes="title")
            for field, value in fields:
                with Horizontal(classes="row"):
                    yield Label(plain(self.heads[field]), classes="field-label")
                    yield Input(
                        visible(value),
                        id=f"f-{field}",
                        compact=True,
                        suggester=None if field == "text" else suggester,
                    )
            yield Label("enter: next field · ctrl+s: save · escape: cancel", classes="hint")

    def field_entered(self, field: Input) -> None:
        if field.id in ("f-to", "f-by"):
            complete(field, self.actors)
        super().field_entered(field)

    def save(self) -> None:
        to, text, by = (self.query_one(f"#f-{f}", Input).value for f in ("to", "text", "by"))
        try:
            # Checked here, so that a need said wrong stays in the form to be put right.
            self.dismiss(needs.checked(by, to, text))
        except MeetingError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False)


class NeedsPanel(ItemTable):
    HELP_TITLE = "Needs"

    BINDINGS = [
        Binding("a", "add", "Write a need", show=False),
        Binding("enter,r", "answer", "The asked one's answer", show=False),
        Binding("e", "correct", "Correct the need", show=False),
        Binding("x", "delete", "Delete the need", show=False),
    ]
    HINT = "a: a need · enter: its answer · e: correct · x: delete"
    MAX_CELL = 24  # the need and its answer side by side at 80 columns

    def show(self, engine: MeetingEngine) -> None:
        L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = needs.by_asked(engine.cards())
        self.fill(
            [L["need_to"], L["need_by"], L["need"], L["answer"]],
            rows,
            ([card.to, card.by, card.text, card.answer] for card in rows),
        )
        self.border_title = None if rows else "No needs yet: a writes one as it is said"
        self._heads = {"to": L["need_to"], "text": L["need"], "by": L["need_by"]}
        self._actors = needs.actors(engine)
        self._floor = needs.floor(engine)

    def _form(self, card: Card | None) -> NeedDialog:
        return NeedDialog(self._heads, self._actors, self._floor, card)

    def action_add(self) -> None:
        then = lambda e, said: needs.add(e, said[0], said[1], said[2])  # noqa: E731
        self.post_message(DialogWanted(self._form(None), then, "need:new"))

    def action_correct(self) -> None:
        if (card := self.current) is not None:
            then = lambda e, said: needs.correct(e, card.id, *said)  # noqa: E731
            self.post_message(DialogWanted(self._form(card), then, f"need:{card.id}"))

    def action_answer(self) -> None:
        if (card := self.current) is not None:
            title = f"{card.to} answers {card.by}: {card.text}"
            then = lambda e, t: needs.answer(e, card.id, t)  # noqa: E731
            self.post_message(TextWanted(title, then, card.answer, f"need-answer:{card.id}"))

    def action_delete(self) -> None:
        if (card := self.current) is not None:
            question = f"Delete the need '{card.text}' ({card.by} to {card.to})?"
            self.post_message(ConfirmWanted(question, lambda e: e.delete_card(card.id)))
