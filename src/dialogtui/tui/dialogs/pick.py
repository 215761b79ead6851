"""Choose one line of a list: a journal's organisation, a step of the agenda to go to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dialogtui.display import plain
from dialogtui.i18n import N_, _
from dialogtui.tui.dialogs.base import CancellableDialog, ListKeys
from dialogtui.tui.keyboard import TakesNoText
from dialogtui.tui.ordering import drain


class PickDialog(TakesNoText, ListKeys, CancellableDialog[int]):
    """Choose one of the lines (the caller's words, shown as typed); dismissed with its
    index."""

    BINDINGS = [Binding("enter", "go", N_("Choose"), priority=True), *ListKeys.LIST_BINDINGS]

    def __init__(self, title: str, lines: list[str], current: int):
        super().__init__()
        self.title_text, self.lines, self.current = title, lines, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="title")
            yield OptionList(*(Option(plain(line), id=str(n)) for n, line in enumerate(self.lines)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        self.set_focus(options)

    async def action_go(self) -> None:
        options = self.query_one(OptionList)
        await drain(options)  # the arrow keys typed before enter
        if options.highlighted is not None:
            self.dismiss(options.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)  # a click


class JumpDialog(PickDialog):
    """Jump to any step; each line is one step of the agenda, as the caller describes it."""

    BINDINGS = [Binding("enter", "go", N_("Go to step"), priority=True), *ListKeys.LIST_BINDINGS]

    def __init__(self, lines: list[str], current: int):
        super().__init__(_("Go to step"), lines, current)
