"""The action item's form: what, how, who, with whom, when, first step."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from dialogtui.display import plain, visible
from dialogtui.errors import MeetingError
from dialogtui.i18n import _, date_field_text, date_hint
from dialogtui.records import ActionItem
from dialogtui.tui.dialogs.base import FormDialog, complete, typed_day


class ActionDialog(FormDialog[ActionItem]):
    """An action item: what, how, who, with whom, when, first step. Who completes from the
    participants' names."""

    def __init__(
        self, columns: list[tuple[str, str]], names: list[str], item: ActionItem | None = None
    ):
        super().__init__()
        self.columns, self.names = columns, names
        self.item = item or ActionItem("")

    def compose(self) -> ComposeResult:
        suggester = SuggestFromList(self.names, case_sensitive=False)
        with Vertical(classes="dialog form"):
            yield Label(_("Action item"), classes="title")
            for field, label in self.columns:
                current = getattr(self.item, field)
                if field == "when":
                    current = date_field_text(current) if current else ""
                with Horizontal(classes="row"):
                    yield Label(plain(label), classes="field-label")
                    yield Input(
                        visible(current or ""),
                        placeholder=date_hint() if field == "when" else "",
                        id=f"f-{field}",
                        compact=True,
                        suggester=suggester if field in ("who", "with_whom") else None,
                    )
            yield Label(_("enter: next field · ctrl+s: save · escape: cancel"), classes="hint")

    def field_entered(self, field: Input) -> None:
        if field.id in ("f-who", "f-with_whom"):
            complete(field, self.names)
        super().field_entered(field)

    def save(self) -> None:
        values = {f: self.query_one(f"#f-{f}", Input).value.strip() for f, _ in self.columns}
        if not values.get("what"):
            self.notify(_("An action item needs a 'what'."), severity="error")
            self.set_focus(self.query_one("#f-what", Input))
            return
        try:
            when = typed_day(values.get("when", ""), dict(self.columns).get("when", ""))
        except MeetingError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.set_focus(self.query_one("#f-when", Input))
            return
        # A copy: the caller's item changes only once the store has taken the change.
        item = dataclasses.replace(self.item)
        for field, text in values.items():
            setattr(item, field, when if field == "when" else text)
        self.dismiss(item)
